import { readFileSync } from 'node:fs';
import {
	renderCertificatePdf,
	type CertificatePrint
} from '$lib/server/certificates/certificate-pdf';
import { renderTranscriptPdf } from '$lib/server/certificates/transcript-pdf';
import { loadSigningKey } from '$lib/server/credentials/keys';
import { signCredential } from '$lib/server/credentials/open-badge';
import { checkCredential } from '$lib/server/credentials/verify';
import type { Certificate } from '$lib/server/db/schema';
import type { Database } from '$lib/server/db';

// `npm run bench`: how long each document takes to make, on this machine. Measured, never
// asserted: the numbers go in reviews and reports, not in tests.

const svg = (file: string) => ({
	mediaType: 'image/svg+xml' as const,
	bytes: new Uint8Array(readFileSync(`config/${file}`))
});

const print: CertificatePrint = {
	code: 'MMPA-7K3F-Q9XD-2M8P',
	holderName: "Zoë O'Brien-Łukasiewicz",
	licenseNumber: 'MA12345',
	licenseState: 'FL',
	courseTitle: 'Medical Massage for Chronic Low Back Pain: Assessment and Treatment',
	ceHours: 1.5,
	courseType: 'Home Study',
	ncbtmbApprovalNumber: '451234-25',
	floridaProgramNumber: '20-987654',
	completionDate: '2026-11-28',
	issuedAt: '2026-11-28T15:04:05.000Z',
	verifyUrl: 'https://academy.example.org/certificates/MMPA-7K3F-Q9XD-2M8P',
	providerName: 'Medical Massage Practitioners of America',
	providerContact: 'certificates@example.org',
	providerNcbtmbNumber: '1000123',
	providerFloridaNumber: '50-4321',
	signatoryName: 'Jordan Example',
	signatoryTitle: 'Director of Education',
	signature: svg('signature.svg'),
	logo: svg('logo.svg')
};

const certificate: Certificate = {
	id: 'c1',
	code: 'MMPA-7K3F-Q9XD-2M8P',
	user_id: 'u1',
	course_id: 'foundations-of-medical-massage',
	holder_name: print.holderName,
	holder_license_number: 'MA12345',
	holder_license_state: 'FL',
	course_title: print.courseTitle,
	ce_hours: 1.5,
	course_type: 'Home Study',
	ncbtmb_approval_number: '451234-25',
	florida_program_number: null,
	completion_date: '2026-11-28',
	provider_name: print.providerName,
	provider_contact: print.providerContact,
	provider_ncbtmb_number: '1000123',
	provider_florida_number: null,
	signatory_name: 'Jordan Example',
	signatory_title: 'Director of Education',
	signature_asset: null,
	logo_asset: null,
	site_url: 'https://academy.example.org',
	issued_at: print.issuedAt,
	supersedes_id: null,
	superseded_at: null,
	revoked_at: null,
	revoked_reason: null,
	revoked_by: null
};

const key = await loadSigningKey({
	CREDENTIAL_SIGNING_KEY: JSON.stringify({
		kty: 'OKP',
		crv: 'Ed25519',
		d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
		x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'
	})
});
const token = await signCredential(certificate, key);
// The check stops before the database for a token that is not ours; this measures its parsing.
const noDb = {} as Database;

const transcript = {
	holderName: print.holderName,
	licenseNumber: 'MA12345',
	licenseState: 'FL',
	entries: Array.from({ length: 40 }, (_, index) => ({
		code: `AAAA-BBBB-CCCC-${String(index).padStart(4, 'A')}`,
		courseTitle: print.courseTitle,
		courseType: 'Home Study',
		ceHours: 1.5,
		completionDate: '2026-11-28',
		ncbtmbApprovalNumber: null
	})),
	issuedAt: new Date('2026-12-01T00:00:00Z'),
	timeZone: 'America/New_York',
	siteUrl: 'https://academy.example.org',
	provider: {
		name: print.providerName,
		contact: print.providerContact,
		ncbtmbNumber: '1000123',
		floridaNumber: '',
		logo: print.logo
	}
};

/** Runs fn for at least `seconds` after a warm-up; returns per-call milliseconds. */
async function measure(fn: () => Promise<unknown>, seconds = 3): Promise<number[]> {
	for (let i = 0; i < 5; i++) await fn();
	const times: number[] = [];
	const end = performance.now() + seconds * 1000;
	while (performance.now() < end || times.length < 10) {
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b);
}

const at = (sorted: number[], share: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;

export async function main(): Promise<number> {
	const cases: [string, () => Promise<unknown>][] = [
		['certificate PDF', () => renderCertificatePdf(print)],
		['transcript PDF, 40 certificates', () => renderTranscriptPdf(transcript)],
		['sign credential', () => signCredential(certificate, key)],
		['check an altered credential', () => checkCredential(noDb, `${token.slice(0, -4)}AAAA`, [key])]
	];
	console.log('case                              runs   median      p95');
	for (const [name, fn] of cases) {
		const times = await measure(fn);
		const ms = (value: number) => `${value.toFixed(2)} ms`.padStart(9);
		console.log(
			`${name.padEnd(32)} ${String(times.length).padStart(5)} ${ms(at(times, 0.5))} ${ms(at(times, 0.95))}`
		);
	}
	return 0;
}
