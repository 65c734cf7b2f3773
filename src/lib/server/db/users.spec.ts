import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from './index';
import { openTestDb } from './test-db';
import { createUser, findUserByEmail } from './users';

// The hash is never checked here; sign-in is covered by the password and session specs.
const passwordHash = 'not-checked-in-this-spec';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

describe('users', () => {
	it('refuses a second account for the same e-mail in another letter case', async () => {
		const first = await createUser(db, { email: 'Ana@Example.com', name: 'Ana', passwordHash });
		const second = await createUser(db, {
			email: 'ana@example.COM',
			name: 'Imposter',
			passwordHash
		});

		expect(first?.email).toBe('ana@example.com');
		expect(second).toBeUndefined();
		const rows = await db.selectFrom('user').select(['email', 'name']).execute();
		expect(rows).toEqual([{ email: 'ana@example.com', name: 'Ana' }]);
	});

	it('finds a user by e-mail in any letter case', async () => {
		const created = await createUser(db, { email: 'Ana@Example.com', name: 'Ana', passwordHash });

		for (const email of ['ana@example.com', 'ANA@EXAMPLE.COM', ' Ana@example.Com ']) {
			expect((await findUserByEmail(db, email))?.id, email).toBe(created?.id);
		}
		expect(await findUserByEmail(db, 'bea@example.com')).toBeUndefined();
	});
});
