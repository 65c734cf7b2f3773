import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../db';
import { logger } from '../log';
import type { Certificate } from '../db/schema';
import { issuerSettings, siteOrigin, type IssuerSettings } from '../config';
import { renderCertificatePdf, type CertificatePrint, type PrintedImage } from './certificate-pdf';
import { isImageMediaType } from './pdf/images';
import { certificatesOf } from './issue';
import { certificateStatus, type CertificateStatus } from './records';
import { renderTranscriptPdf } from './transcript-pdf';

/**
 * The certificate's public page. Built from the site address stored at issue, so a reprint shows
 * the address its first print showed (certificates issued before that was stored use today's).
 */
export function verificationUrl(certificate: Pick<Certificate, 'code' | 'site_url'>): string {
	return `${certificate.site_url ?? siteOrigin()}/certificates/${certificate.code}`;
}

async function loadAsset(db: Database, sha256: string | null): Promise<PrintedImage | null> {
	if (!sha256) return null;
	const asset = await db
		.selectFrom('certificate_asset')
		.select(['media_type', 'bytes'])
		.where('sha256', '=', sha256)
		.executeTakeFirstOrThrow();
	if (!isImageMediaType(asset.media_type)) {
		throw new Error(`Certificate asset ${sha256} has unknown type ${asset.media_type}`);
	}
	return { mediaType: asset.media_type, bytes: new Uint8Array(asset.bytes) };
}

function stampFor(status: CertificateStatus): CertificatePrint['stamp'] {
	return status.state === 'revoked'
		? 'Revoked'
		: status.state === 'superseded'
			? 'Superseded'
			: null;
}

/** Everything the PDF prints, from the certificate's snapshot and its current standing. */
export async function certificatePrint(
	db: Database,
	certificate: Certificate,
	status: CertificateStatus
): Promise<CertificatePrint> {
	return {
		code: certificate.code,
		holderName: certificate.holder_name,
		licenseNumber: certificate.holder_license_number,
		licenseState: certificate.holder_license_state,
		courseTitle: certificate.course_title,
		ceHours: certificate.ce_hours,
		courseType: certificate.course_type,
		ncbtmbApprovalNumber: certificate.ncbtmb_approval_number,
		floridaProgramNumber: certificate.florida_program_number,
		completionDate: certificate.completion_date,
		issuedAt: certificate.issued_at,
		verifyUrl: verificationUrl(certificate),
		providerName: certificate.provider_name,
		providerContact: certificate.provider_contact,
		providerNcbtmbNumber: certificate.provider_ncbtmb_number,
		providerFloridaNumber: certificate.provider_florida_number,
		signatoryName: certificate.signatory_name,
		signatoryTitle: certificate.signatory_title,
		signature: await loadAsset(db, certificate.signature_asset),
		logo: await loadAsset(db, certificate.logo_asset),
		stamp: stampFor(status)
	};
}

/**
 * The source of everything that draws a certificate, bundled at build time: a change to the
 * renderer changes every print key, so no cached PDF outlives the code that drew it.
 */
const RENDERER = encodeHexLowerCase(
	sha256(
		new TextEncoder().encode(
			Object.entries(
				import.meta.glob<string>(
					['./certificate-pdf.ts', './pdf/*.ts', '!./pdf/*.spec.ts', '../../format.ts'],
					{ query: '?raw', import: 'default', eager: true }
				)
			)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([path, source]) => `${path}\n${source}`)
				.join('\n')
		)
	)
);

/**
 * What the PDF of this certificate depends on: the stored row (the snapshot and its images by
 * hash), the address it prints, its stamp and the renderer. The same key means the same bytes.
 */
function printKey(certificate: Certificate, stamp: CertificatePrint['stamp']): string {
	const parts = [RENDERER, verificationUrl(certificate), stamp, certificate];
	return encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(parts))));
}

/**
 * The certificate as a PDF. Certificates are snapshots, so the bytes are rendered once and kept
 * in the database (one row per certificate, shared by every instance, no process memory); they
 * are rendered again when the certificate is revoked or superseded (the PDF is stamped) or the
 * renderer changes.
 */
export async function certificatePdf(db: Database, certificate: Certificate): Promise<Uint8Array> {
	const status = await certificateStatus(db, certificate);
	const key = printKey(certificate, stampFor(status));
	const cached = await db
		.selectFrom('certificate_pdf')
		.select(['print_key', 'bytes'])
		.where('certificate_id', '=', certificate.id)
		.executeTakeFirst();
	if (cached?.print_key === key) {
		// A plain view of the driver's Buffer, without copying it.
		const { buffer, byteOffset, byteLength } = cached.bytes;
		return new Uint8Array(buffer, byteOffset, byteLength);
	}
	const pdf = await renderCertificatePdf(await certificatePrint(db, certificate, status));
	const row = { print_key: key, bytes: pdf, created_at: new Date().toISOString() };
	try {
		await db
			.insertInto('certificate_pdf')
			.values({ certificate_id: certificate.id, ...row })
			.onConflict((oc) => oc.column('certificate_id').doUpdateSet(row))
			.execute();
	} catch (error) {
		// The PDF is good; the next download renders it again.
		logger.warn({ err: error, certificateId: certificate.id }, 'Caching a certificate PDF failed');
	}
	return pdf;
}

/** The graduate's CE transcript: every valid certificate, oldest first, with totals. */
export async function transcriptPdf(
	db: Database,
	userId: string,
	settings: IssuerSettings = issuerSettings(),
	now = new Date()
): Promise<Uint8Array> {
	const holder = await db
		.selectFrom('user')
		.select(['name', 'certificate_name', 'license_number', 'license_state'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	const certificates = (await certificatesOf(db, userId))
		.filter((certificate) => !certificate.revoked_at)
		.sort((a, b) => a.completion_date.localeCompare(b.completion_date));
	return renderTranscriptPdf({
		holderName: holder.certificate_name?.trim() || holder.name,
		licenseNumber: holder.license_number?.trim() || null,
		licenseState: holder.license_state?.trim().toUpperCase() || null,
		entries: certificates.map((certificate) => ({
			code: certificate.code,
			courseTitle: certificate.course_title,
			courseType: certificate.course_type,
			ceHours: certificate.ce_hours,
			completionDate: certificate.completion_date,
			ncbtmbApprovalNumber: certificate.ncbtmb_approval_number
		})),
		issuedAt: now,
		timeZone: settings.timeZone,
		siteUrl: settings.siteUrl,
		provider: {
			name: settings.providerName,
			contact: settings.providerContact,
			ncbtmbNumber: settings.ncbtmbProviderNumber,
			floridaNumber: settings.floridaProviderNumber,
			logo: settings.logo
		}
	});
}
