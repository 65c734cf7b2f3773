import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { hashPassword } from './password';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	SESSION_LIFETIME,
	SESSION_RENEW_WITHIN,
	validateSessionToken
} from './session';

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2026-11-01T12:00:00.000Z');
const at = (ms: number) => new Date(START.getTime() + ms);

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

async function makeStudent(name = 'Ana Lima') {
	const user = await createUser(db, {
		email: 'ana@example.com',
		name,
		passwordHash: await hashPassword('correct horse battery staple')
	});
	if (!user) throw new Error('test setup: user not created');
	return user;
}

/** A signed-in student: the token is what the cookie would carry. */
async function signedIn() {
	const user = await makeStudent();
	const token = generateSessionToken();
	const session = await createSession(db, token, user, {}, START);
	return { user, token, session };
}

function storedSessions() {
	return db.selectFrom('session').selectAll().execute();
}

describe('sessions', () => {
	it('validates a fresh token to its user and session', async () => {
		const { user, token, session } = await signedIn();

		const result = await validateSessionToken(db, token, at(DAY));

		expect(result.user).toEqual({
			id: user.id,
			email: 'ana@example.com',
			name: 'Ana Lima',
			role: 'student',
			twoFactorEnabled: false
		});
		expect(result.session?.id).toBe(session.id);
		expect(result.session?.userId).toBe(user.id);
		expect(result.session?.expiresAt).toEqual(at(SESSION_LIFETIME));
	});

	it('stores only the SHA-256 of the token, never the token itself', async () => {
		const { token } = await signedIn();

		const rows = await storedSessions();

		expect(rows).toHaveLength(1);
		const expectedId = encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
		expect(rows[0]?.id).toBe(expectedId);
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('does not renew a session used more than 15 days before it expires', async () => {
		const { token } = await signedIn();
		const now = at(SESSION_LIFETIME - SESSION_RENEW_WITHIN - DAY);

		const result = await validateSessionToken(db, token, now);

		expect(result.renewed).toBe(false);
		expect(result.session?.expiresAt).toEqual(at(SESSION_LIFETIME));
		const [row] = await storedSessions();
		expect(row?.expires_at).toBe(at(SESSION_LIFETIME).toISOString());
	});

	it('renews a session used within its last 15 days to 30 days from now', async () => {
		const { token } = await signedIn();
		const now = at(SESSION_LIFETIME - SESSION_RENEW_WITHIN + DAY);
		const renewedUntil = new Date(now.getTime() + SESSION_LIFETIME);

		const result = await validateSessionToken(db, token, now);

		expect(result.renewed).toBe(true);
		expect(result.session?.expiresAt).toEqual(renewedUntil);
		const [row] = await storedSessions();
		expect(row?.expires_at).toBe(renewedUntil.toISOString());
		// The renewal lasts: a later visit, past the original expiry, is still signed in.
		const later = await validateSessionToken(db, token, at(SESSION_LIFETIME + DAY));
		expect(later.user?.email).toBe('ana@example.com');
	});

	it('rejects an expired session and deletes it', async () => {
		const { token } = await signedIn();

		const result = await validateSessionToken(db, token, at(SESSION_LIFETIME));

		expect(result).toEqual({ session: null, user: null, renewed: false });
		expect(await storedSessions()).toEqual([]);
	});

	it('signs out: an invalidated session no longer validates', async () => {
		const { token, session } = await signedIn();

		await invalidateSession(db, session.id);

		expect(await storedSessions()).toEqual([]);
		const result = await validateSessionToken(db, token, at(DAY));
		expect(result.user).toBeNull();
		expect(result.session).toBeNull();
	});

	it('rejects a token it never issued', async () => {
		await signedIn();

		const result = await validateSessionToken(db, generateSessionToken(), at(DAY));

		expect(result).toEqual({ session: null, user: null, renewed: false });
		expect(await storedSessions()).toHaveLength(1);
	});
});
