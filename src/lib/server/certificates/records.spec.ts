import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { auditEntriesFor } from '../db/audit';
import { openTestDb } from '../db/test-db';
import { certificatesOf, findCertificateFor, issueCertificateIfComplete } from './issue';
import {
	certificateStatus,
	CertificateChangeRefused,
	reissueCertificate,
	revokeCertificate,
	searchCertificates,
	supersededCode
} from './records';
import { graduate, makeUser, testSettings } from './test-fixtures';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

const LATER = new Date('2026-12-05T10:00:00.000Z');

async function admin() {
	return makeUser(db, 'admin@example.com', { name: 'Ada Admin', role: 'admin' });
}

async function refusal(promise: Promise<unknown>) {
	const error = await promise.then(
		() => undefined,
		(error: unknown) => error
	);
	expect(error).toBeInstanceOf(CertificateChangeRefused);
	return error as CertificateChangeRefused;
}

describe('revokeCertificate', () => {
	it('revokes with a reason, says so in the status and the audit log', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');
		const actor = await admin();

		await revokeCertificate(
			db,
			{
				code: certificate.code.toLowerCase(),
				reason: '  Issued in error  ',
				actorUserId: actor.id
			},
			LATER
		);

		const revoked = (await findCertificateFor(db, certificate.user_id, certificate.course_id))!;
		expect(await certificateStatus(db, revoked)).toEqual({
			state: 'revoked',
			revokedAt: LATER.toISOString(),
			reason: 'Issued in error'
		});
		const audit = await auditEntriesFor(db, { type: 'certificate', id: certificate.id });
		expect(audit.map((entry) => [entry.action, entry.actor_user_id])).toEqual([
			['certificate.issue', certificate.user_id],
			['certificate.revoke', actor.id]
		]);
		expect(JSON.parse(audit[1]!.details!)).toEqual({
			code: certificate.code,
			reason: 'Issued in error'
		});
	});

	it('refuses a missing reason, an unknown code and a second revocation', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');
		const actor = await admin();
		const revoke = (code: string, reason: string) =>
			revokeCertificate(db, { code, reason, actorUserId: actor.id });

		expect((await refusal(revoke(certificate.code, '   '))).status).toBe(400);
		expect((await refusal(revoke('AAAA-BBBB-CCCC-DDDD', 'x'))).status).toBe(404);
		await revoke(certificate.code, 'Fraud');
		expect((await refusal(revoke(certificate.code, 'Again'))).status).toBe(409);
		expect(
			await certificateStatus(db, (await certificatesOf(db, certificate.user_id))[0]!)
		).toMatchObject({
			reason: 'Fraud'
		});
	});

	it('does not issue a new certificate to replace a revoked one', async () => {
		const { user, course, certificate } = await graduate(db, 'ana@example.com');
		await revokeCertificate(db, { code: certificate.code, reason: 'x', actorUserId: user.id });

		const again = await issueCertificateIfComplete(db, user.id, course, LATER, testSettings());

		expect(again?.code).toBe(certificate.code);
		expect(await db.selectFrom('certificate').select('id').execute()).toHaveLength(1);
	});
});

describe('reissueCertificate', () => {
	const correction = {
		holderName: 'Ana Beatriz Lima',
		licenseNumber: 'MA12345',
		licenseState: 'FL'
	};

	it('issues a new code that supersedes the old, keeping the course and completion date', async () => {
		const { user, certificate } = await graduate(db, 'ana@example.com', { name: 'Ana Lyma' });
		const actor = await admin();

		const reissued = await reissueCertificate(
			db,
			{ code: certificate.code, correction, actorUserId: actor.id },
			LATER,
			testSettings()
		);

		expect(reissued.code).not.toBe(certificate.code);
		expect(reissued).toMatchObject({
			holder_name: 'Ana Beatriz Lima',
			holder_license_number: 'MA12345',
			holder_license_state: 'FL',
			course_title: certificate.course_title,
			ce_hours: certificate.ce_hours,
			completion_date: certificate.completion_date,
			issued_at: LATER.toISOString(),
			supersedes_id: certificate.id,
			superseded_at: null
		});
		// Exactly one current certificate: the reissue.
		expect((await certificatesOf(db, user.id)).map((c) => c.code)).toEqual([reissued.code]);
		expect((await findCertificateFor(db, user.id, certificate.course_id))?.code).toBe(
			reissued.code
		);
		const old = (await db
			.selectFrom('certificate')
			.selectAll()
			.where('id', '=', certificate.id)
			.executeTakeFirst())!;
		expect(await certificateStatus(db, old)).toEqual({
			state: 'superseded',
			supersededAt: LATER.toISOString(),
			replacementCode: reissued.code
		});
		expect(await supersededCode(db, reissued)).toBe(certificate.code);
		expect(await certificateStatus(db, reissued)).toEqual({ state: 'valid' });
		const [entry] = await auditEntriesFor(db, { type: 'certificate', id: reissued.id });
		expect(entry?.action).toBe('certificate.reissue');
		expect(JSON.parse(entry!.details!)).toMatchObject({
			supersedes: certificate.code,
			from: { holderName: 'Ana Lyma' },
			to: correction
		});
	});

	it('refuses to reissue a superseded or a revoked certificate', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');
		const actor = await admin();
		const reissue = (code: string) =>
			reissueCertificate(db, { code, correction, actorUserId: actor.id }, LATER, testSettings());

		const reissued = await reissue(certificate.code);
		expect((await refusal(reissue(certificate.code))).status).toBe(409);
		await revokeCertificate(db, { code: reissued.code, reason: 'x', actorUserId: actor.id });
		expect((await refusal(reissue(reissued.code))).status).toBe(409);
		expect(await db.selectFrom('certificate').select('id').execute()).toHaveLength(2);
	});

	it('keeps the database from holding two current certificates for one course', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');

		const duplicate = db
			.insertInto('certificate')
			.values({ ...certificate, id: crypto.randomUUID(), code: 'AAAA-BBBB-CCCC-DDDD' })
			.execute();

		// SQLite says "UNIQUE constraint failed", PostgreSQL "violates unique constraint".
		await expect(duplicate).rejects.toThrow(/unique/i);
	});
});

describe('searchCertificates', () => {
	it('finds by exact code, by part of a name, and matches wildcards literally', async () => {
		const first = await graduate(db, 'ana@example.com', { name: 'Ana Lima' });
		const second = await graduate(db, 'bo@example.com', { name: 'Bo 100%_Sure' });

		const codes = async (query: string) =>
			(await searchCertificates(db, query)).map((c) => c.holder_name).sort();

		expect(await codes(first.certificate.code.toLowerCase())).toEqual(['Ana Lima']);
		expect(await codes('lim')).toEqual(['Ana Lima']);
		expect(await codes('%')).toEqual(['Bo 100%_Sure']);
		expect(await codes('_')).toEqual(['Bo 100%_Sure']);
		expect(await codes('')).toEqual(['Ana Lima', 'Bo 100%_Sure']);
		expect(second.certificate.code).not.toBe(first.certificate.code);
	});
});
