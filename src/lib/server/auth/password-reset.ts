import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import type { User } from '../db/schema';
import { findUserByEmail, findUserById, normalizeEmail } from '../db/users';
import { siteOrigin } from '../config';
import { bucketKey, consume, consumeAll, LIMITS } from '../security/rate-limit';
import { hashPassword, passwordProblem } from './password';
import { generateSessionToken, invalidateUserSessions, sessionIdFromToken } from './session';
import { logger } from '../log';

/** A reset link works once, for one hour. */
export const RESET_LIFETIME = 60 * 60 * 1000;

/**
 * Issues a reset token for the user, replacing any earlier one. Only its SHA-256 is stored: the
 * link in the mail (or printed by the admin command) is the one place the token exists.
 */
export async function createPasswordReset(
	db: Database,
	userId: string,
	now = new Date()
): Promise<string> {
	const token = generateSessionToken();
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('password_reset').where('user_id', '=', userId).execute();
		await trx
			.insertInto('password_reset')
			.values({
				id: sessionIdFromToken(token),
				user_id: userId,
				created_at: now.toISOString(),
				expires_at: new Date(now.getTime() + RESET_LIFETIME).toISOString()
			})
			.execute();
	});
	return token;
}

export function passwordResetLink(token: string): string {
	return `${siteOrigin()}/reset-password?token=${encodeURIComponent(token)}`;
}

/** The user a token still works for, if any. */
export async function findPasswordReset(
	db: Database,
	token: string,
	now = new Date()
): Promise<{ userId: string; email: string } | undefined> {
	const row = await db
		.selectFrom('password_reset')
		.innerJoin('user', 'user.id', 'password_reset.user_id')
		.select(['user.id as userId', 'user.email'])
		.where('password_reset.id', '=', sessionIdFromToken(token))
		.where('password_reset.expires_at', '>', now.toISOString())
		.executeTakeFirst();
	return row;
}

/**
 * Sets the new password and uses the token up, in one transaction: of two requests with the same
 * link only one succeeds. Every session of the account ends.
 */
export async function resetPassword(
	db: Database,
	token: string,
	passwordHash: string,
	now = new Date()
): Promise<string | undefined> {
	return db.transaction().execute(async (trx) => {
		const used = await trx
			.deleteFrom('password_reset')
			.where('id', '=', sessionIdFromToken(token))
			.where('expires_at', '>', now.toISOString())
			.returning('user_id')
			.executeTakeFirst();
		if (!used) return undefined;
		await trx
			.updateTable('user')
			.set({ password_hash: passwordHash })
			.where('id', '=', used.user_id)
			.execute();
		await trx.deleteFrom('password_reset').where('user_id', '=', used.user_id).execute();
		await invalidateUserSessions(trx, used.user_id);
		return used.user_id;
	});
}

export async function deleteExpiredPasswordResets(db: Database, now = new Date()): Promise<void> {
	await db.deleteFrom('password_reset').where('expires_at', '<=', now.toISOString()).execute();
}

/** Sends or shows the link: mail in production, the log in development (see the route). */
export type DeliverResetLink = (to: string, link: string) => Promise<void>;

export type RequestResetResult =
	{ status: 'throttled'; retryAfterSeconds: number } | { status: 'accepted' };

/**
 * Starts a reset for whoever owns the address. The answer is the same whether or not there is an
 * account, and delivery runs after the response so its time does not tell either.
 */
export async function requestPasswordReset(
	db: Database,
	email: string,
	origin: { ip: string },
	deliver: DeliverResetLink
): Promise<RequestResetResult> {
	const limit = await consumeAll(db, [
		[LIMITS.resetIp, bucketKey(origin.ip)],
		[LIMITS.resetAccount, bucketKey(origin.ip, normalizeEmail(email))]
	]);
	if (!limit.allowed) return { status: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	const user = await findUserByEmail(db, email);
	if (!user || user.erased_at) return { status: 'accepted' };
	const token = await createPasswordReset(db, user.id);
	await recordAudit(db, {
		action: 'account.password-reset-request',
		subject: { type: 'user', id: user.id },
		ip: origin.ip
	});
	deliver(user.email, passwordResetLink(token)).catch((e: unknown) =>
		logger.error({ err: e }, 'Could not deliver a password reset link')
	);
	return { status: 'accepted' };
}

export type CompleteResetResult =
	| { status: 'throttled'; retryAfterSeconds: number }
	| { status: 'weak-password'; message: string }
	| { status: 'invalid-link' }
	| { status: 'reset'; user: User };

/** Sets the new password with a link's token; every session ends and the link is used up. */
export async function completePasswordReset(
	db: Database,
	input: { token: string; password: string },
	origin: { ip: string }
): Promise<CompleteResetResult> {
	const limit = await consume(db, LIMITS.resetIp, bucketKey(origin.ip));
	if (!limit.allowed) return { status: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	const pending = await findPasswordReset(db, input.token);
	if (!pending) return { status: 'invalid-link' };
	const problem = passwordProblem(input.password, { email: pending.email });
	if (problem) return { status: 'weak-password', message: problem };
	const userId = await resetPassword(db, input.token, await hashPassword(input.password));
	const user = userId ? await findUserById(db, userId) : undefined;
	if (!user) return { status: 'invalid-link' };
	await recordAudit(db, {
		action: 'account.password-reset',
		actorUserId: user.id,
		subject: { type: 'user', id: user.id },
		ip: origin.ip
	});
	return { status: 'reset', user };
}
