import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCertificateByCode } from '../certificates/issue';
import { searchCertificates } from '../certificates/records';
import { graduate } from '../certificates/test-fixtures';
import type { Database } from './index';
import { openTestDb } from './test-db';
import { createUser, findUserByEmail } from './users';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

// Runs on SQLite and on PostgreSQL (the two vitest projects): what the app relies on behaves alike.
describe('the same results on SQLite and PostgreSQL', () => {
	it('counts as numbers, and keeps large integers, fractions and bytes as stored', async () => {
		for (const email of ['a@example.com', 'b@example.com']) {
			await createUser(db, { email, name: 'Counted', passwordHash: 'x' });
		}
		const { count } = await db
			.selectFrom('user')
			.select((eb) => eb.fn.countAll<number>().as('count'))
			.executeTakeFirstOrThrow();
		expect(count).toBe(2);

		const at = Date.UTC(2026, 10, 28, 12, 0, 0, 123);
		await db
			.insertInto('rate_limit')
			.values({ bucket: 'b', key: 'k', tokens: 2.75, updated_at: at })
			.execute();
		expect(await db.selectFrom('rate_limit').select(['tokens', 'updated_at']).execute()).toEqual([
			{ tokens: 2.75, updated_at: at }
		]);

		const bytes = new Uint8Array([0, 1, 2, 254, 255]);
		await db
			.insertInto('certificate_asset')
			.values({ sha256: 's', media_type: 'image/png', bytes, created_at: new Date().toISOString() })
			.execute();
		const row = await db.selectFrom('certificate_asset').select('bytes').executeTakeFirstOrThrow();
		expect([...row.bytes]).toEqual([...bytes]);
	});

	it('finds nothing, rather than failing, for input carrying a NUL character', async () => {
		await graduate(db, 'ana@example.com', { name: 'Ana Lima' });
		expect(await findCertificateByCode(db, 'ABCD\u0000EFGH')).toBeUndefined();
		expect(await searchCertificates(db, 'Ana\u0000')).toEqual([]);
		expect(await findUserByEmail(db, 'ana@example.com\u0000')).toBeUndefined();
	});

	it('matches certificate searches without regard to case', async () => {
		await graduate(db, 'ana@example.com', { name: 'Ana Lima' });
		expect((await searchCertificates(db, 'aNA lI')).map((c) => c.holder_name)).toEqual([
			'Ana Lima'
		]);
	});
});
