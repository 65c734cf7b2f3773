import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';
import type { Database } from '../db';
import { decryptSecret, deriveSecret, encryptSecret } from '../security/secret-box';

// TOTP (RFC 6238) as in the lucia-auth.com 2FA example, with two additions: the key is encrypted
// at rest, and each accepted time step is recorded so that an observed code cannot be replayed.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side: clocks on phones drift. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
export const ISSUER = 'MMPA Academy';

/**
 * The key offered while setting up two-factor in this session. Derived from the session rather
 * than kept in the form, so a reload or a mistyped code shows the same key the app has scanned,
 * and the key that gets enabled is one the server chose.
 */
export function setupKeyFor(sessionId: string): Uint8Array {
	return deriveSecret(`totp-setup\n${sessionId}`, 20);
}

/** The key as people type it into an authenticator app. */
export function encodeTotpKey(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key);
}

export function totpUri(key: Uint8Array, accountName: string): string {
	return createTOTPKeyURI(ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

function counterAt(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The time step whose code this is, if it is one of the steps around now. */
export function matchingCounter(
	key: Uint8Array,
	code: string,
	now = new Date()
): number | undefined {
	const digits = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(digits)) return undefined;
	const current = counterAt(now);
	for (let counter = current - WINDOW; counter <= current + WINDOW; counter++) {
		if (verifyHOTP(key, BigInt(counter), TOTP_DIGITS, digits)) return counter;
	}
	return undefined;
}

function hashCode(code: string): string {
	const normalized = code.replace(/[\s-]/g, '').toUpperCase();
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalized)));
}

/** 80 random bits each, XXXX-XXXX-XXXX-XXXX. */
function generateRecoveryCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(10));
	return encodeBase32UpperCaseNoPadding(bytes).match(/.{4}/g)!.join('-');
}

/** Replaces the user's recovery codes; only their hashes are kept, so they are shown once. */
export async function replaceRecoveryCodes(
	db: Database,
	userId: string,
	now = new Date()
): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
		await trx
			.insertInto('recovery_code')
			.values(
				codes.map((code) => ({
					user_id: userId,
					code_hash: hashCode(code),
					created_at: now.toISOString()
				}))
			)
			.execute();
	});
	return codes;
}

export type EnableResult = { ok: true; recoveryCodes: string[] } | { ok: false };

/**
 * Turns two-factor on once the person proved their app holds the key by typing its current code.
 */
export async function enableTwoFactor(
	db: Database,
	userId: string,
	key: Uint8Array,
	code: string,
	now = new Date()
): Promise<EnableResult> {
	const counter = matchingCounter(key, code, now);
	if (counter === undefined) return { ok: false };
	await db
		.updateTable('user')
		.set({ totp_key: encryptSecret(key, userId), totp_last_counter: counter })
		.where('id', '=', userId)
		.execute();
	return { ok: true, recoveryCodes: await replaceRecoveryCodes(db, userId, now) };
}

/** True for a current code of the user's app that was not used before. */
export async function verifyTwoFactorCode(
	db: Database,
	userId: string,
	code: string,
	now = new Date()
): Promise<boolean> {
	const user = await db
		.selectFrom('user')
		.select(['totp_key'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!user?.totp_key) return false;
	const counter = matchingCounter(decryptSecret(user.totp_key, userId), code, now);
	if (counter === undefined) return false;
	// Accept each time step once, even when two requests race with the same code.
	const result = await db
		.updateTable('user')
		.set({ totp_last_counter: counter })
		.where('id', '=', userId)
		.where((eb) =>
			eb.or([eb('totp_last_counter', 'is', null), eb('totp_last_counter', '<', counter)])
		)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** Uses up one recovery code; true when it was valid and unused. */
export async function useRecoveryCode(
	db: Database,
	userId: string,
	code: string,
	now = new Date()
): Promise<boolean> {
	const result = await db
		.updateTable('recovery_code')
		.set({ used_at: now.toISOString() })
		.where('user_id', '=', userId)
		.where('code_hash', '=', hashCode(code))
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function unusedRecoveryCodeCount(db: Database, userId: string): Promise<number> {
	const row = await db
		.selectFrom('recovery_code')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

export async function disableTwoFactor(db: Database, userId: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('user')
			.set({ totp_key: null, totp_last_counter: null })
			.where('id', '=', userId)
			.execute();
		await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
	});
}
