import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText, pdfTextItems } from '../../../../tests/support/pdf-text';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { transcriptPdf } from './documents';
import { reissueCertificate, revokeCertificate } from './records';
import { graduate, testSettings } from './test-fixtures';
import { renderTranscriptPdf, totalsByType, type TranscriptEntry } from './transcript-pdf';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

function entry(index: number, overrides: Partial<TranscriptEntry> = {}): TranscriptEntry {
	return {
		code: `AAAA-BBBB-CCCC-${String(index).padStart(4, 'A').slice(-4)}`,
		courseTitle: `Course number ${index} on trigger point therapy of the upper body`,
		courseType: index % 3 === 0 ? 'Live' : 'Home Study',
		ceHours: 1.5,
		completionDate: '2026-11-28',
		ncbtmbApprovalNumber: index % 2 === 0 ? `4512-${index}` : null,
		...overrides
	};
}

const settings = testSettings();
const print = (entries: TranscriptEntry[]) =>
	renderTranscriptPdf({
		holderName: 'Анна Иванова',
		licenseNumber: 'MA12345',
		licenseState: 'FL',
		entries,
		issuedAt: new Date('2026-12-01T03:00:00Z'),
		timeZone: 'America/New_York',
		siteUrl: 'https://academy.example.org',
		provider: {
			name: settings.providerName,
			contact: settings.providerContact,
			ncbtmbNumber: settings.ncbtmbProviderNumber,
			floridaNumber: settings.floridaProviderNumber,
			logo: settings.logo
		}
	});

describe('renderTranscriptPdf', () => {
	it('lists every certificate with its hours, and totals overall and by course type', async () => {
		const text = oneLine(await pdfText(await print([entry(1), entry(2), entry(3)])));

		expect(text).toContain('Continuing Education Transcript');
		expect(text).toContain('Анна Иванова');
		expect(text).toContain('License MA12345 (FL) · Issued November 30, 2026');
		expect(text).toContain('NCBTMB Approved Provider no. 1000123');
		for (const index of [1, 2, 3]) expect(text).toContain(entry(index).code);
		expect(text).toContain('4512-2');
		expect(text).toContain('Total: 4.5 CE hours');
		expect(text).toContain('Home Study: 3 CE hours · Live: 1.5 CE hours');
	});

	it('runs onto more pages, every line inside its page', async () => {
		const entries = Array.from({ length: 45 }, (_, index) => entry(index + 1));
		const pages = await pdfTextItems(await print(entries));

		expect(pages.length).toBeGreaterThan(1);
		const text = oneLine(pages.flatMap((page) => page.items.map((item) => item.str)).join(' '));
		expect(text).toContain(`Page 1 of ${pages.length}`);
		expect(text).toContain('Total: 67.5 CE hours');
		for (const page of pages) {
			for (const item of page.items) {
				expect(item.x).toBeGreaterThanOrEqual(36);
				expect(item.x + item.width).toBeLessThanOrEqual(612 - 36);
				expect(item.y).toBeGreaterThanOrEqual(36);
			}
		}
	});

	it('adds hours up without floating-point noise', () => {
		expect(totalsByType([entry(1, { ceHours: 0.1 }), entry(2, { ceHours: 0.2 })])).toEqual([
			['Home Study', 0.3]
		]);
	});
});

describe('transcriptPdf', () => {
	it('lists the graduate’s valid certificates: a reissue instead of its original, no revoked one', async () => {
		const { user, certificate } = await graduate(db, 'ana@example.com', {
			certificateName: 'Ana Lima'
		});
		const reissued = await reissueCertificate(
			db,
			{
				code: certificate.code,
				correction: { holderName: 'Ana B. Lima', licenseNumber: null, licenseState: null },
				actorUserId: user.id
			},
			new Date(),
			settings
		);

		const text = await pdfText(await transcriptPdf(db, user.id, settings));
		expect(text).toContain(reissued.code);
		expect(text).not.toContain(certificate.code);

		await revokeCertificate(db, { code: reissued.code, reason: 'x', actorUserId: user.id });
		const after = await pdfText(await transcriptPdf(db, user.id, settings));
		expect(after).not.toContain(reissued.code);
		expect(after).toContain('No certificates yet.');
		expect(after).toContain('Total: 0 CE hours');
	});
});
