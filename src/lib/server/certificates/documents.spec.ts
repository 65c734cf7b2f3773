import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../tests/support/pdf-text';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { certificatePdf } from './documents';
import { findCertificateByCode } from './issue';
import { reissueCertificate, revokeCertificate } from './records';
import { graduate, makeUser, testSettings } from './test-fixtures';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

const cachedRows = () =>
	db.selectFrom('certificate_pdf').select(['certificate_id', 'print_key', 'bytes']).execute();

async function current(code: string) {
	return (await findCertificateByCode(db, code))!;
}

describe('certificate PDF cache', () => {
	it('keeps the rendered PDF and serves those bytes again instead of rendering anew', async () => {
		const { certificate } = await graduate(db, 'ana@example.com', { name: 'Ana Lima' });

		const first = await certificatePdf(db, certificate);
		expect(await pdfText(first)).toContain('Ana Lima');
		const [row] = await cachedRows();
		expect(row?.certificate_id).toBe(certificate.id);
		expect(Buffer.from(row!.bytes).equals(Buffer.from(first))).toBe(true);

		// Only a cache hit can return what is stored: a fresh render would print the certificate.
		const marker = new TextEncoder().encode('%PDF-1.7 stored copy');
		await db.updateTable('certificate_pdf').set({ bytes: marker }).execute();
		const again = await certificatePdf(db, await current(certificate.code));
		expect(Buffer.from(again).toString()).toBe('%PDF-1.7 stored copy');
		expect(await cachedRows()).toHaveLength(1);
	});

	it('renders again, stamped, once the certificate is revoked or reissued', async () => {
		const admin = await makeUser(db, 'admin@example.com', { name: 'Ada Admin', role: 'admin' });
		const ana = await graduate(db, 'ana@example.com', { name: 'Ana Lima' });
		const bo = await graduate(db, 'bo@example.com', { name: 'Bo Chen' });
		expect(await pdfText(await certificatePdf(db, ana.certificate))).not.toContain('REVOKED');
		expect(await pdfText(await certificatePdf(db, bo.certificate))).not.toContain('SUPERSEDED');

		await revokeCertificate(db, {
			code: ana.certificate.code,
			reason: 'Issued in error',
			actorUserId: admin.id
		});
		const revoked = await certificatePdf(db, await current(ana.certificate.code));
		expect(await pdfText(revoked)).toContain('REVOKED');
		// The stamped copy is the one kept now.
		expect(await pdfText(await certificatePdf(db, await current(ana.certificate.code)))).toContain(
			'REVOKED'
		);

		const reissued = await reissueCertificate(
			db,
			{
				code: bo.certificate.code,
				correction: { holderName: 'Bo Chen-Li', licenseNumber: null, licenseState: null },
				actorUserId: admin.id
			},
			new Date(),
			testSettings()
		);
		expect(await pdfText(await certificatePdf(db, await current(bo.certificate.code)))).toContain(
			'SUPERSEDED'
		);
		const replacement = await pdfText(await certificatePdf(db, reissued));
		expect(replacement).toContain('Bo Chen-Li');
		expect(replacement).not.toContain('SUPERSEDED');
		expect(await cachedRows()).toHaveLength(3);
	});
});
