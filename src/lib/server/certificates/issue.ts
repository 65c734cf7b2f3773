import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { calendarDate } from '../../format';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import type { Certificate, NewCertificate } from '../db/schema';
import type { Course } from '../content';
import { hasCompletedCourse } from '../completion';
import { issuerSettings, type IssuerImage, type IssuerSettings } from '../config';

/** 80 random bits in base32, grouped for reading aloud: XXXX-XXXX-XXXX-XXXX. */
export function generateCertificateCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(10));
	return encodeBase32UpperCaseNoPadding(bytes).match(/.{4}/g)!.join('-');
}

/**
 * The board approval numbers of a course. They come with course frontmatter
 * (`ncbtmbApprovalNumber`, `floridaProgramNumber`) once the content format carries them, so they
 * are read defensively: absent, null, blank or not text means "not approved there yet".
 */
export function courseApprovals(course: Course): {
	ncbtmbApprovalNumber: string | null;
	floridaProgramNumber: string | null;
} {
	const fields = course as unknown as Record<string, unknown>;
	const read = (key: string) => {
		const value = fields[key];
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
		return typeof value === 'string' && value.trim() ? value.trim() : null;
	};
	return {
		ncbtmbApprovalNumber: read('ncbtmbApprovalNumber'),
		floridaProgramNumber: read('floridaProgramNumber')
	};
}

async function storeAsset(db: Database, image: IssuerImage | null, now: Date) {
	if (!image) return null;
	await db
		.insertInto('certificate_asset')
		.values({
			sha256: image.sha256,
			media_type: image.mediaType,
			bytes: image.bytes,
			created_at: now.toISOString()
		})
		.onConflict((oc) => oc.column('sha256').doNothing())
		.execute();
	return image.sha256;
}

type IssuerSnapshot = Pick<
	NewCertificate,
	| 'provider_name'
	| 'provider_contact'
	| 'provider_ncbtmb_number'
	| 'provider_florida_number'
	| 'signatory_name'
	| 'signatory_title'
	| 'signature_asset'
	| 'logo_asset'
	| 'site_url'
>;

/** The issuer's part of a snapshot, from the settings in force now (images stored by content). */
export async function issuerSnapshot(
	db: Database,
	settings: IssuerSettings,
	now: Date
): Promise<IssuerSnapshot> {
	return {
		provider_name: settings.providerName,
		provider_contact: settings.providerContact,
		provider_ncbtmb_number: settings.ncbtmbProviderNumber || null,
		provider_florida_number: settings.floridaProviderNumber || null,
		signatory_name: settings.signatoryName || null,
		signatory_title: settings.signatoryTitle || null,
		signature_asset: await storeAsset(db, settings.signature, now),
		logo_asset: await storeAsset(db, settings.logo, now),
		site_url: settings.siteUrl
	};
}

/**
 * Issues the course certificate once the completion rule holds, as a snapshot of every printed
 * field: the holder's certificate name and license, the course, and the issuer. The partial unique
 * index on (user, course) over current certificates, with ON CONFLICT DO NOTHING, makes concurrent
 * requests, even from separate processes, end with exactly one; every caller gets that one.
 */
export async function issueCertificateIfComplete(
	db: Database,
	userId: string,
	course: Course,
	now = new Date(),
	settings: IssuerSettings = issuerSettings()
): Promise<Certificate | undefined> {
	const existing = await findCertificateFor(db, userId, course.id);
	if (existing) return existing;
	if (!(await hasCompletedCourse(db, userId, course))) return undefined;
	const holder = await db
		.selectFrom('user')
		.select(['name', 'certificate_name', 'license_number', 'license_state'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	const approvals = courseApprovals(course);
	const certificateId = crypto.randomUUID();
	const inserted = await db
		.insertInto('certificate')
		.values({
			id: certificateId,
			code: generateCertificateCode(),
			user_id: userId,
			course_id: course.id,
			holder_name: holder.certificate_name?.trim() || holder.name,
			holder_license_number: holder.license_number?.trim() || null,
			holder_license_state: holder.license_state?.trim().toUpperCase() || null,
			course_title: course.title,
			ce_hours: course.ceHours,
			course_type: course.courseType,
			ncbtmb_approval_number: approvals.ncbtmbApprovalNumber,
			florida_program_number: approvals.floridaProgramNumber,
			completion_date: calendarDate(now, settings.timeZone),
			...(await issuerSnapshot(db, settings, now)),
			issued_at: now.toISOString()
		})
		.onConflict((oc) =>
			oc.columns(['user_id', 'course_id']).where('superseded_at', 'is', null).doNothing()
		)
		.executeTakeFirst();
	if (inserted.numInsertedOrUpdatedRows) {
		await recordAudit(
			db,
			{
				action: 'certificate.issue',
				actorUserId: userId,
				subject: { type: 'certificate', id: certificateId }
			},
			now
		);
	}
	return findCertificateFor(db, userId, course.id);
}

/** The student's current certificate for the course (valid or revoked, not superseded). */
export function findCertificateFor(
	db: Database,
	userId: string,
	courseId: string
): Promise<Certificate | undefined> {
	return db
		.selectFrom('certificate')
		.selectAll()
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.where('superseded_at', 'is', null)
		.executeTakeFirst();
}

export function findCertificateByCode(
	db: Database,
	code: string
): Promise<Certificate | undefined> {
	return db
		.selectFrom('certificate')
		.selectAll()
		.where('code', '=', code.trim().toUpperCase())
		.executeTakeFirst();
}

/** The student's current certificates (a reissue replaces the one it supersedes), newest first. */
export function certificatesOf(db: Database, userId: string): Promise<Certificate[]> {
	return db
		.selectFrom('certificate')
		.selectAll()
		.where('user_id', '=', userId)
		.where('superseded_at', 'is', null)
		.orderBy('issued_at', 'desc')
		.execute();
}
