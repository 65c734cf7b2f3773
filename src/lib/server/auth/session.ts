import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db';
import type { Role } from '../db/schema';

// Sessions as in the lucia-auth.com guide: the cookie carries a random token, the database only
// its SHA-256, so a copy of the database cannot be turned into working cookies.

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Students: 30 days, renewed when used in the last 15 (a documented exception to ASVS 3.3.2). */
export const SESSION_LIFETIME = 30 * DAY;
export const SESSION_RENEW_WITHIN = 15 * DAY;
/** Instructors and admins: 12 hours from sign-in at most, and 30 minutes without a request. */
export const STAFF_SESSION_LIFETIME = 12 * HOUR;
export const STAFF_IDLE_TIMEOUT = 30 * MINUTE;
/** `last_seen_at` is written at most this often, so most requests only read. */
const SEEN_RESOLUTION = MINUTE;
export const SESSION_COOKIE = 'session';

export function isStaff(role: Role): boolean {
	return role === 'instructor' || role === 'admin';
}

export interface SessionRecord {
	id: string;
	userId: string;
	expiresAt: Date;
	twoFactorVerified: boolean;
}

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	role: Role;
	/** Two-factor is set up: a session counts as signed in only once the code was given. */
	twoFactorEnabled: boolean;
}

export type SessionValidation =
	| { session: SessionRecord; user: SessionUser; renewed: boolean }
	| { session: null; user: null; renewed: false };

const none = { session: null, user: null, renewed: false } as const;

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Where the sign-in came from, shown in the account's list of sessions. */
export interface SessionOrigin {
	ip?: string | null;
	userAgent?: string | null;
}

export async function createSession(
	db: Database,
	token: string,
	user: { id: string; role: Role },
	origin: SessionOrigin = {},
	now = new Date()
): Promise<SessionRecord> {
	const lifetime = isStaff(user.role) ? STAFF_SESSION_LIFETIME : SESSION_LIFETIME;
	const session: SessionRecord = {
		id: sessionIdFromToken(token),
		userId: user.id,
		expiresAt: new Date(now.getTime() + lifetime),
		twoFactorVerified: false
	};
	await db
		.insertInto('session')
		.values({
			id: session.id,
			user_id: user.id,
			expires_at: session.expiresAt.toISOString(),
			created_at: now.toISOString(),
			last_seen_at: now.toISOString(),
			ip: origin.ip ?? null,
			user_agent: origin.userAgent?.slice(0, 300) ?? null
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
			'session.created_at',
			'session.last_seen_at',
			'session.two_factor_verified',
			'user.id as user_id',
			'user.email',
			'user.name',
			'user.role',
			'user.totp_key',
			'user.deactivated_at'
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return none;
	// Deactivating deletes the sessions; this also covers a request racing with it.
	if (row.deactivated_at) {
		await invalidateSession(db, id);
		return none;
	}

	const at = now.getTime();
	const session: SessionRecord = {
		id,
		userId: row.user_id,
		expiresAt: new Date(row.expires_at),
		twoFactorVerified: row.two_factor_verified === 1
	};
	const lastSeen = new Date(row.last_seen_at ?? row.created_at).getTime();
	const staff = isStaff(row.role);
	// A role raised after sign-in still gets the staff limits, counted from sign-in.
	const hardEnd = staff
		? Math.min(
				session.expiresAt.getTime(),
				new Date(row.created_at).getTime() + STAFF_SESSION_LIFETIME
			)
		: session.expiresAt.getTime();
	if (at >= hardEnd || (staff && at >= lastSeen + STAFF_IDLE_TIMEOUT)) {
		await invalidateSession(db, id);
		return none;
	}

	let renewed = false;
	const changes: { expires_at?: string; last_seen_at?: string } = {};
	if (!staff && at >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN) {
		session.expiresAt = new Date(at + SESSION_LIFETIME);
		changes.expires_at = session.expiresAt.toISOString();
		renewed = true;
	}
	if (at - lastSeen >= SEEN_RESOLUTION) changes.last_seen_at = now.toISOString();
	if (Object.keys(changes).length > 0) {
		await db.updateTable('session').set(changes).where('id', '=', id).execute();
	}
	const user: SessionUser = {
		id: row.user_id,
		email: row.email,
		name: row.name,
		role: row.role,
		twoFactorEnabled: row.totp_key !== null
	};
	return { session, user, renewed };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/** Ends every session of the user, or every one but `except` (the one making the change). */
export async function invalidateUserSessions(
	db: Database,
	userId: string,
	except?: string
): Promise<number> {
	let query = db.deleteFrom('session').where('user_id', '=', userId);
	if (except) query = query.where('id', '!=', except);
	const result = await query.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function markTwoFactorVerified(db: Database, sessionId: string): Promise<void> {
	await db
		.updateTable('session')
		.set({ two_factor_verified: 1 })
		.where('id', '=', sessionId)
		.execute();
}

export interface ListedSession {
	id: string;
	createdAt: string;
	lastSeenAt: string;
	ip: string | null;
	userAgent: string | null;
}

export async function listSessions(db: Database, userId: string): Promise<ListedSession[]> {
	const rows = await db
		.selectFrom('session')
		.select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
		.where('user_id', '=', userId)
		.orderBy('created_at', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		createdAt: r.created_at,
		lastSeenAt: r.last_seen_at ?? r.created_at,
		ip: r.ip,
		userAgent: r.user_agent
	}));
}

/**
 * Removes sessions past their end. Staff sessions idle for longer than the timeout are caught at
 * their next request; this sweep only needs to keep the table from growing.
 */
export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<number> {
	const result = await db
		.deleteFrom('session')
		.where('expires_at', '<=', now.toISOString())
		.executeTakeFirst();
	return Number(result.numDeletedRows);
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

/**
 * Starts a new session for a user who just gave their password, and sets its cookie. The session
 * the request came with, if any, ends: every sign-in gets a token never seen before.
 */
export async function signIn(
	db: Database,
	user: { id: string; role: Role },
	event: { cookies: Cookies; url: URL; locals: App.Locals },
	origin: SessionOrigin
): Promise<SessionRecord> {
	if (event.locals.session) await invalidateSession(db, event.locals.session.id);
	const token = generateSessionToken();
	const session = await createSession(db, token, user, origin);
	setSessionCookie(event.cookies, token, session.expiresAt, event.url);
	return session;
}
