import type { Database } from '../db';
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
		stamp:
			status.state === 'revoked' ? 'Revoked' : status.state === 'superseded' ? 'Superseded' : null
	};
}

/** The certificate as a PDF, rendered on demand: the same bytes for the same snapshot and standing. */
export async function certificatePdf(db: Database, certificate: Certificate): Promise<Uint8Array> {
	const status = await certificateStatus(db, certificate);
	return renderCertificatePdf(await certificatePrint(db, certificate, status));
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
