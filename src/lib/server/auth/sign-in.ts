import type { Cookies } from '@sveltejs/kit';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import { createUser, findUserByEmail, findUserById, normalizeEmail } from '../db/users';
import type { Role, User } from '../db/schema';
import { bucketKey, consumeAll, LIMITS, resetBucket } from '../security/rate-limit';
import { hashPassword, passwordProblem, verifyPasswordOrDecoy } from './password';
import {
	invalidateSession,
	isStaff,
	markTwoFactorVerified,
	signIn,
	type SessionOrigin
} from './session';
import {
	disableTwoFactor,
	enableTwoFactor,
	replaceRecoveryCodes,
	useRecoveryCode,
	verifyTwoFactorCode
} from './two-factor';

/** The parts of a request event that sign-in needs. */
export interface AuthContext {
	cookies: Cookies;
	url: URL;
	locals: App.Locals;
	origin: SessionOrigin & { ip: string };
}

export type Throttled = { status: 'throttled'; retryAfterSeconds: number };

export type SignInResult =
	| Throttled
	| { status: 'invalid' }
	| { status: 'deactivated' }
	| { status: 'signed-in'; needsSecondFactor: boolean };

/** Whether a session of this user must give a second factor before it counts as signed in. */
export function needsSecondFactor(user: Pick<User, 'role' | 'totp_key'>): boolean {
	return user.totp_key !== null || isStaff(user.role);
}

/**
 * Checks an e-mail and password, throttled per IP and per IP and account; on success starts a new
 * session. Unknown addresses cost the same time as wrong passwords, and both get the same answer.
 */
export async function signInWithPassword(
	db: Database,
	input: { email: string; password: string },
	context: AuthContext
): Promise<SignInResult> {
	const { ip } = context.origin;
	const email = normalizeEmail(input.email);
	const accountBucket = bucketKey(ip, email);
	const limit = await consumeAll(db, [
		[LIMITS.signInIp, bucketKey(ip)],
		[LIMITS.signInAccount, accountBucket]
	]);
	if (!limit.allowed) {
		await recordAudit(db, { action: 'auth.sign-in-throttled', ip, details: { bucket: 'sign-in' } });
		return { status: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	}
	const found = await findUserByEmail(db, email);
	const user = found && !found.erased_at ? found : undefined;
	if (!(await verifyPasswordOrDecoy(user?.password_hash, input.password)) || !user) {
		await recordAudit(db, {
			action: 'auth.sign-in-failed',
			subject: user ? { type: 'user', id: user.id } : undefined,
			ip,
			details: { reason: user ? 'wrong-password' : 'unknown-account' }
		});
		return { status: 'invalid' };
	}
	await resetBucket(db, LIMITS.signInAccount, accountBucket);
	// Said only to someone who knows the password: the account exists but an admin closed it.
	if (user.deactivated_at) {
		await recordAudit(db, {
			action: 'auth.sign-in-refused',
			subject: { type: 'user', id: user.id },
			ip,
			details: { reason: 'deactivated' }
		});
		return { status: 'deactivated' };
	}
	await signIn(db, user, context, context.origin);
	const second = needsSecondFactor(user);
	await recordAudit(db, {
		action: 'auth.sign-in',
		actorUserId: user.id,
		subject: { type: 'user', id: user.id },
		ip,
		details: { secondFactorPending: second }
	});
	return { status: 'signed-in', needsSecondFactor: second };
}

export type RegisterResult =
	| Throttled
	| { status: 'weak-password'; message: string }
	| { status: 'email-taken' }
	| { status: 'registered' };

/** Creates a student account and signs it in. */
export async function registerStudent(
	db: Database,
	input: { name: string; email: string; password: string },
	context: AuthContext
): Promise<RegisterResult> {
	const problem = passwordProblem(input.password, input);
	if (problem) return { status: 'weak-password', message: problem };
	const { ip } = context.origin;
	const limit = await consumeAll(db, [
		[LIMITS.registerIp, bucketKey(ip)],
		[LIMITS.registerAccount, bucketKey(ip, normalizeEmail(input.email))]
	]);
	if (!limit.allowed) return { status: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	const user = await createUser(db, {
		name: input.name,
		email: input.email,
		passwordHash: await hashPassword(input.password)
	});
	if (!user) return { status: 'email-taken' };
	await recordAudit(db, {
		action: 'account.register',
		actorUserId: user.id,
		subject: { type: 'user', id: user.id },
		ip
	});
	await signIn(db, user, context, context.origin);
	return { status: 'registered' };
}

export type SecondFactorResult = Throttled | { status: 'invalid' } | { status: 'verified' };

/**
 * Completes a sign-in with a code from the authenticator app or, with `recovery`, one of the
 * recovery codes (each works once). Throttled like passwords: six digits are guessable otherwise.
 */
export async function giveSecondFactor(
	db: Database,
	userId: string,
	sessionId: string,
	input: { code: string; recovery: boolean },
	origin: { ip: string }
): Promise<SecondFactorResult> {
	const accountBucket = bucketKey(origin.ip, userId);
	const limit = await consumeAll(db, [
		[LIMITS.twoFactorIp, bucketKey(origin.ip)],
		[LIMITS.twoFactorAccount, accountBucket]
	]);
	if (!limit.allowed) return { status: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	const valid = input.recovery
		? await useRecoveryCode(db, userId, input.code)
		: await verifyTwoFactorCode(db, userId, input.code);
	const subject = { type: 'user', id: userId };
	if (!valid) {
		await recordAudit(db, {
			action: 'auth.two-factor-failed',
			actorUserId: userId,
			subject,
			ip: origin.ip,
			details: { method: input.recovery ? 'recovery-code' : 'totp' }
		});
		return { status: 'invalid' };
	}
	await resetBucket(db, LIMITS.twoFactorAccount, accountBucket);
	await markTwoFactorVerified(db, sessionId);
	await recordAudit(db, {
		action: input.recovery ? 'auth.recovery-code-used' : 'auth.two-factor',
		actorUserId: userId,
		subject,
		ip: origin.ip
	});
	return { status: 'verified' };
}

export type ConfirmResult = Throttled | { status: 'invalid' } | { status: 'confirmed' };

/**
 * Asks for the current password again before a sensitive change (password, e-mail, sessions of
 * staff, roles, erasure), throttled like sign-in.
 */
export async function confirmPassword(
	db: Database,
	userId: string,
	password: string,
	origin: { ip: string }
): Promise<ConfirmResult> {
	const accountBucket = bucketKey(origin.ip, userId);
	const limit = await consumeAll(db, [
		[LIMITS.signInIp, bucketKey(origin.ip)],
		[LIMITS.confirmPassword, accountBucket]
	]);
	if (!limit.allowed) return { status: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	const user = await findUserById(db, userId);
	if (!user || !(await verifyPasswordOrDecoy(user.password_hash, password))) {
		await recordAudit(db, {
			action: 'auth.password-confirm-failed',
			actorUserId: userId,
			subject: { type: 'user', id: userId },
			ip: origin.ip
		});
		return { status: 'invalid' };
	}
	await resetBucket(db, LIMITS.confirmPassword, accountBucket);
	return { status: 'confirmed' };
}

export type SetupResult = { status: 'invalid' } | { status: 'enabled'; recoveryCodes: string[] };

/**
 * Turns two-factor on with the key shown on the setup page once the app's current code matches,
 * and counts this session as having given it.
 */
export async function setUpSecondFactor(
	db: Database,
	userId: string,
	sessionId: string,
	input: { key: Uint8Array; code: string },
	origin: { ip: string }
): Promise<SetupResult> {
	const result = await enableTwoFactor(db, userId, input.key, input.code);
	if (!result.ok) return { status: 'invalid' };
	await markTwoFactorVerified(db, sessionId);
	await recordAudit(db, {
		action: 'account.two-factor-enable',
		actorUserId: userId,
		subject: { type: 'user', id: userId },
		ip: origin.ip
	});
	return { status: 'enabled', recoveryCodes: result.recoveryCodes };
}

export type ManageResult =
	Throttled | { status: 'invalid' } | { status: 'done'; recoveryCodes?: string[] };

/**
 * Replaces the recovery codes, or turns two-factor off (students only; staff must keep it), after
 * the current password.
 */
export async function manageSecondFactor(
	db: Database,
	user: { id: string; role: Role },
	input: { password: string; change: 'new-recovery-codes' | 'disable' },
	origin: { ip: string }
): Promise<ManageResult> {
	const confirmed = await confirmPassword(db, user.id, input.password, origin);
	if (confirmed.status !== 'confirmed') return confirmed;
	const subject = { type: 'user', id: user.id };
	if (input.change === 'disable') {
		if (isStaff(user.role)) throw new Error('Staff cannot turn two-factor off.');
		await disableTwoFactor(db, user.id);
		await recordAudit(db, {
			action: 'account.two-factor-disable',
			actorUserId: user.id,
			subject,
			ip: origin.ip
		});
		return { status: 'done' };
	}
	const recoveryCodes = await replaceRecoveryCodes(db, user.id);
	await recordAudit(db, {
		action: 'account.recovery-codes-replace',
		actorUserId: user.id,
		subject,
		ip: origin.ip
	});
	return { status: 'done', recoveryCodes };
}

/** Ends the session in the database: its cookie, replayed later, signs in nobody. */
export async function signOut(
	db: Database,
	session: { id: string; userId: string },
	origin: { ip: string }
): Promise<void> {
	await invalidateSession(db, session.id);
	await recordAudit(db, {
		action: 'auth.sign-out',
		actorUserId: session.userId,
		subject: { type: 'user', id: session.userId },
		ip: origin.ip
	});
}
