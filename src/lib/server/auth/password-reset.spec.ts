import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { hashPassword, verifyPassword } from './password';
import {
	completePasswordReset,
	createPasswordReset,
	findPasswordReset,
	requestPasswordReset,
	RESET_LIFETIME
} from './password-reset';
import { createSession, generateSessionToken } from './session';

const NEW_PASSWORD = 'lavender fields at dawn';
const origin = { ip: '192.0.2.1' };
let db: Database;
let cleanup: () => Promise<void>;
let userId: string;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
	const user = await createUser(db, {
		email: 'ana@example.com',
		name: 'Ana Lima',
		passwordHash: await hashPassword('correct horse battery staple')
	});
	userId = user!.id;
});
afterEach(async () => {
	await cleanup();
});

async function storedHash() {
	const row = await db.selectFrom('user').select('password_hash').executeTakeFirstOrThrow();
	return row.password_hash;
}

describe('password reset', () => {
	it('works once, ends every session, and stores only a hash of the token', async () => {
		const token = await createPasswordReset(db, userId);
		await createSession(db, generateSessionToken(), { id: userId, role: 'student' });
		expect(
			JSON.stringify(await db.selectFrom('password_reset').selectAll().execute())
		).not.toContain(token);

		const first = await completePasswordReset(db, { token, password: NEW_PASSWORD }, origin);
		expect(first.status).toBe('reset');
		expect(await verifyPassword(await storedHash(), NEW_PASSWORD)).toBe(true);
		expect(await db.selectFrom('session').selectAll().execute()).toEqual([]);

		const again = await completePasswordReset(
			db,
			{ token, password: 'another fine passphrase' },
			origin
		);
		expect(again.status).toBe('invalid-link');
		expect(await verifyPassword(await storedHash(), NEW_PASSWORD)).toBe(true);
	});

	it('expires after one hour', async () => {
		const issued = new Date('2026-11-01T12:00:00Z');
		const token = await createPasswordReset(db, userId, issued);

		expect(
			await findPasswordReset(db, token, new Date(issued.getTime() + RESET_LIFETIME - 1))
		).toEqual({ userId, email: 'ana@example.com' });
		expect(await findPasswordReset(db, token, new Date(issued.getTime() + RESET_LIFETIME))).toBe(
			undefined
		);
	});

	it('keeps the old password when the new one is too weak, and the link still works', async () => {
		const token = await createPasswordReset(db, userId);
		const before = await storedHash();

		const result = await completePasswordReset(db, { token, password: 'password1234' }, origin);

		expect(result.status).toBe('weak-password');
		expect(await storedHash()).toBe(before);
		expect(await findPasswordReset(db, token)).toBeDefined();
	});

	it('answers the same for an address without an account and delivers nothing', async () => {
		const sent: string[] = [];
		const deliver = async (to: string) => {
			sent.push(to);
		};

		const known = await requestPasswordReset(db, 'ANA@example.com', origin, deliver);
		const unknown = await requestPasswordReset(db, 'nobody@example.com', origin, deliver);

		expect(known).toEqual(unknown);
		expect(sent).toEqual(['ana@example.com']);
	});

	it('makes an earlier link stop working when a new one is issued', async () => {
		const first = await createPasswordReset(db, userId);
		await createPasswordReset(db, userId);

		expect(await findPasswordReset(db, first)).toBeUndefined();
	});
});
