import { sql } from 'kysely';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import type { Certificate } from '../db/schema';
import { issuerSettings, type IssuerSettings } from '../config';
import { findCertificateByCode, generateCertificateCode, issuerSnapshot } from './issue';

/** Where a certificate stands; decided from what is stored, shown on its public page. */
export type CertificateStatus =
	| { state: 'valid' }
	| { state: 'revoked'; revokedAt: string; reason: string }
	| { state: 'superseded'; supersededAt: string; replacementCode: string | null };

export async function certificateStatus(
	db: Database,
	certificate: Certificate
): Promise<CertificateStatus> {
	if (certificate.revoked_at) {
		return {
			state: 'revoked',
			revokedAt: certificate.revoked_at,
			reason: certificate.revoked_reason ?? ''
		};
	}
	if (certificate.superseded_at) {
		const replacement = await db
			.selectFrom('certificate')
			.select('code')
			.where('supersedes_id', '=', certificate.id)
			.executeTakeFirst();
		return {
			state: 'superseded',
			supersededAt: certificate.superseded_at,
			replacementCode: replacement?.code ?? null
		};
	}
	return { state: 'valid' };
}

/** The code of the certificate this one replaced, for the "reissue of" link. */
export async function supersededCode(
	db: Database,
	certificate: Certificate
): Promise<string | null> {
	if (!certificate.supersedes_id) return null;
	const previous = await db
		.selectFrom('certificate')
		.select('code')
		.where('id', '=', certificate.supersedes_id)
		.executeTakeFirst();
	return previous?.code ?? null;
}

/** A change an admin asked for that the records do not allow; answered with 4xx and the message. */
export class CertificateChangeRefused extends Error {
	override name = 'CertificateChangeRefused';
	constructor(
		message: string,
		readonly status: 400 | 404 | 409
	) {
		super(message);
	}
}

const MAX_REASON = 500;

/** Loads the certificate a change applies to, inside the change's transaction. */
async function currentCertificate(db: Database, code: string): Promise<Certificate> {
	const certificate = await findCertificateByCode(db, code);
	if (!certificate) throw new CertificateChangeRefused('No certificate has this code.', 404);
	if (certificate.superseded_at) {
		throw new CertificateChangeRefused(
			'This certificate was replaced by a reissue; change the reissued certificate instead.',
			409
		);
	}
	if (certificate.revoked_at) {
		throw new CertificateChangeRefused('This certificate is already revoked.', 409);
	}
	return certificate;
}

/**
 * Revokes a certificate with a reason. Its public page then says so, and its credential no longer
 * checks as valid. Recorded in the audit log with the reason.
 */
export async function revokeCertificate(
	db: Database,
	input: { code: string; reason: string; actorUserId: string; ip?: string | null },
	now = new Date()
): Promise<Certificate> {
	const reason = input.reason.trim();
	if (!reason) throw new CertificateChangeRefused('Give the reason for revoking.', 400);
	if ([...reason].length > MAX_REASON) {
		throw new CertificateChangeRefused(`Keep the reason under ${MAX_REASON} characters.`, 400);
	}
	return db.transaction().execute(async (trx) => {
		const certificate = await currentCertificate(trx, input.code);
		const revoked = await trx
			.updateTable('certificate')
			.set({
				revoked_at: now.toISOString(),
				revoked_reason: reason,
				revoked_by: input.actorUserId
			})
			.where('id', '=', certificate.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(
			trx,
			{
				action: 'certificate.revoke',
				actorUserId: input.actorUserId,
				subject: { type: 'certificate', id: certificate.id },
				ip: input.ip ?? null,
				details: { code: certificate.code, reason }
			},
			now
		);
		return revoked;
	});
}

export interface Correction {
	holderName: string;
	licenseNumber: string | null;
	licenseState: string | null;
}

/**
 * Reissues a certificate after a correction of the holder's name or license: a new certificate
 * with a new code supersedes the old one, whose page then links to it. The course, hours and
 * completion date are those of the original; the issuer details are those in force today, as on
 * any certificate issued today. Both steps run in one transaction, so exactly one current
 * certificate exists for the student and course at every moment.
 */
export async function reissueCertificate(
	db: Database,
	input: { code: string; correction: Correction; actorUserId: string; ip?: string | null },
	now = new Date(),
	settings: IssuerSettings = issuerSettings()
): Promise<Certificate> {
	return db.transaction().execute(async (trx) => {
		const previous = await currentCertificate(trx, input.code);
		const { correction } = input;
		await trx
			.updateTable('certificate')
			.set({ superseded_at: now.toISOString() })
			.where('id', '=', previous.id)
			.execute();
		const reissued = await trx
			.insertInto('certificate')
			.values({
				...previous,
				...(await issuerSnapshot(trx, settings, now)),
				id: crypto.randomUUID(),
				code: generateCertificateCode(),
				holder_name: correction.holderName,
				holder_license_number: correction.licenseNumber,
				holder_license_state: correction.licenseState,
				issued_at: now.toISOString(),
				supersedes_id: previous.id,
				superseded_at: null,
				revoked_at: null,
				revoked_reason: null,
				revoked_by: null
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await recordAudit(
			trx,
			{
				action: 'certificate.reissue',
				actorUserId: input.actorUserId,
				subject: { type: 'certificate', id: reissued.id },
				ip: input.ip ?? null,
				details: {
					code: reissued.code,
					supersedes: previous.code,
					from: {
						holderName: previous.holder_name,
						licenseNumber: previous.holder_license_number,
						licenseState: previous.holder_license_state
					},
					to: correction
				}
			},
			now
		);
		return reissued;
	});
}

/** Admin search: a code (exact) or part of a holder's name, newest first. */
export async function searchCertificates(
	db: Database,
	query: string,
	limit = 50
): Promise<Certificate[]> {
	const term = query.trim();
	if (!term) {
		return db
			.selectFrom('certificate')
			.selectAll()
			.orderBy('issued_at', 'desc')
			.limit(limit)
			.execute();
	}
	// LIKE wildcards in the term are matched literally. Both sides are lower-cased: SQLite's LIKE
	// ignores ASCII case but PostgreSQL's does not.
	const pattern = `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
	const contains = (column: 'holder_name' | 'course_title') =>
		sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
	return db
		.selectFrom('certificate')
		.selectAll()
		.where((eb) =>
			eb.or([
				eb('code', '=', term.toUpperCase()),
				contains('holder_name'),
				contains('course_title')
			])
		)
		.orderBy('issued_at', 'desc')
		.limit(limit)
		.execute();
}
