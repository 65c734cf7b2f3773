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
	deleteExpiredSessions,
	invalidateUserSessions,
	SESSION_LIFETIME,
	SESSION_RENEW_WITHIN,
	STAFF_IDLE_TIMEOUT,
	STAFF_SESSION_LIFETIME,
	validateSessionToken
} from './session';
import type { Role } from '../db/schema';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
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

async function makeStudent(name = 'Ana Lima', role: Role = 'student', email = 'ana@example.com') {
	const user = await createUser(db, {
		email,
		name,
		role,
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

describe('staff sessions', () => {
	async function staffSignedIn(role: Role = 'instructor') {
		const user = await makeStudent('Tea Cher', role, 'teacher@example.com');
		const token = generateSessionToken();
		const session = await createSession(db, token, user, {}, START);
		return { user, token, session };
	}

	it('end 12 hours after sign-in even when used all the time', async () => {
		const { token, session } = await staffSignedIn('admin');
		expect(session.expiresAt).toEqual(at(STAFF_SESSION_LIFETIME));
		expect(STAFF_SESSION_LIFETIME).toBe(12 * HOUR);

		// A request every 20 minutes keeps it from idling out, but not past 12 hours.
		for (let t = 20 * MINUTE; t < STAFF_SESSION_LIFETIME; t += 20 * MINUTE) {
			const result = await validateSessionToken(db, token, at(t));
			expect(result.user?.role, `at ${t / MINUTE} minutes`).toBe('admin');
			expect(result.renewed).toBe(false);
		}
		const result = await validateSessionToken(db, token, at(STAFF_SESSION_LIFETIME));
		expect(result.session).toBeNull();
		expect(await storedSessions()).toEqual([]);
	});

	it('end after 30 minutes without a request', async () => {
		const { token } = await staffSignedIn();
		expect(STAFF_IDLE_TIMEOUT).toBe(30 * MINUTE);

		expect((await validateSessionToken(db, token, at(29 * MINUTE))).user).not.toBeNull();
		// Counted from the last request, not from sign-in.
		expect((await validateSessionToken(db, token, at(58 * MINUTE))).user).not.toBeNull();
		expect((await validateSessionToken(db, token, at(88 * MINUTE))).user).toBeNull();
		expect(await storedSessions()).toEqual([]);
	});

	it('apply to a student raised to staff without signing in again', async () => {
		const { user, token } = await signedIn();
		await db.updateTable('user').set({ role: 'instructor' }).where('id', '=', user.id).execute();

		expect((await validateSessionToken(db, token, at(31 * MINUTE))).user).toBeNull();
	});

	it('leave a student idle for days signed in', async () => {
		const { token } = await signedIn();

		expect((await validateSessionToken(db, token, at(10 * DAY))).user?.role).toBe('student');
	});
});

describe('ending sessions', () => {
	it('signs out every session but the current one', async () => {
		const { user, session } = await signedIn();
		const other = generateSessionToken();
		await createSession(db, other, user, {}, START);

		expect(await invalidateUserSessions(db, user.id, session.id)).toBe(1);

		expect((await storedSessions()).map((s) => s.id)).toEqual([session.id]);
		expect((await validateSessionToken(db, other, at(DAY))).user).toBeNull();
	});

	it('sweeps expired sessions and keeps the live ones', async () => {
		const { user } = await signedIn();
		await createSession(db, generateSessionToken(), user, {}, at(20 * DAY));

		expect(await deleteExpiredSessions(db, at(SESSION_LIFETIME))).toBe(1);
		expect(await storedSessions()).toHaveLength(1);
	});
});
