import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db';
import type { Role } from '../db/schema';

// Sessions as in the lucia-auth.com guide: the cookie carries a random token, the database only
// its SHA-256, so a copy of the database cannot be turned into working cookies.

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
/** A session used in its last 15 days is extended to a fresh 30. */
export const SESSION_RENEW_WITHIN = 15 * DAY;
export const SESSION_COOKIE = 'session';

export interface SessionRecord {
	id: string;
	userId: string;
	expiresAt: Date;
}

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	role: Role;
}

export type SessionValidation =
	| { session: SessionRecord; user: SessionUser; renewed: boolean }
	| { session: null; user: null; renewed: false };

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	db: Database,
	token: string,
	userId: string,
	now = new Date()
): Promise<SessionRecord> {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(now.getTime() + SESSION_LIFETIME)
	};
	await db
		.insertInto('session')
		.values({
			id: session.id,
			user_id: userId,
			expires_at: session.expiresAt.toISOString(),
			created_at: now.toISOString()
		})
		.execute();
	return session;
}

export async function validateSessionToken(
	db: Database,
	token: string,
	now = new Date()
): Promise<SessionValidation> {
	const id = sessionIdFromToken(token);
	const row = await db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.select([
			'session.id',
			'session.expires_at',
			'user.id as user_id',
			'user.email',
			'user.name',
			'user.role'
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return { session: null, user: null, renewed: false };

	const session: SessionRecord = { id, userId: row.user_id, expiresAt: new Date(row.expires_at) };
	if (now.getTime() >= session.expiresAt.getTime()) {
		await invalidateSession(db, id);
		return { session: null, user: null, renewed: false };
	}
	let renewed = false;
	if (now.getTime() >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN) {
		session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
		await db
			.updateTable('session')
			.set({ expires_at: session.expiresAt.toISOString() })
			.where('id', '=', id)
			.execute();
		renewed = true;
	}
	const user: SessionUser = { id: row.user_id, email: row.email, name: row.name, role: row.role };
	return { session, user, renewed };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, url: URL): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}

/** Starts a session for a user who just proved who they are, and sets its cookie. */
export async function signIn(db: Database, userId: string, cookies: Cookies, url: URL) {
	const token = generateSessionToken();
	const session = await createSession(db, token, userId);
	setSessionCookie(cookies, token, session.expiresAt, url);
}
