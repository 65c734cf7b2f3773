import { generateHOTP } from '@oslojs/otp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import {
	disableTwoFactor,
	enableTwoFactor,
	encodeTotpKey,
	setupKeyFor,
	unusedRecoveryCodeCount,
	useRecoveryCode,
	verifyTwoFactorCode
} from './two-factor';

const NOW = new Date('2026-11-01T12:00:10.000Z');
const step = (date: Date) => BigInt(Math.floor(date.getTime() / 30_000));
const seconds = (s: number) => new Date(NOW.getTime() + s * 1000);
/** What the authenticator app shows at that moment. */
const appCode = (key: Uint8Array, date = NOW) => generateHOTP(key, step(date), 6);

let db: Database;
let cleanup: () => Promise<void>;
let userId: string;
const key = setupKeyFor('some-session-id');

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
	const user = await createUser(db, {
		email: 'tea@example.com',
		name: 'Tea Cher',
		passwordHash: 'unused',
		role: 'instructor'
	});
	userId = user!.id;
});
afterEach(async () => {
	await cleanup();
});

async function enabled() {
	const result = await enableTwoFactor(db, userId, key, appCode(key), NOW);
	if (!result.ok) throw new Error('test setup: two-factor not enabled');
	return result.recoveryCodes;
}

describe('two-factor sign-in', () => {
	it('offers the same setup key throughout one session and another in the next', () => {
		expect(setupKeyFor('some-session-id')).toEqual(key);
		expect(key).toHaveLength(20);
		expect(setupKeyFor('another-session')).not.toEqual(key);
	});

	it('turns on only with the code the app shows now', async () => {
		expect((await enableTwoFactor(db, userId, key, '000000', NOW)).ok).toBe(false);
		expect((await enableTwoFactor(db, userId, key, appCode(key, seconds(-300)), NOW)).ok).toBe(
			false
		);
		const result = await enableTwoFactor(db, userId, key, appCode(key), NOW);
		expect(result.ok).toBe(true);
	});

	it('keeps the key encrypted at rest', async () => {
		await enabled();

		const row = await db.selectFrom('user').select('totp_key').executeTakeFirstOrThrow();
		expect(row.totp_key).toMatch(/^v1\./);
		expect(row.totp_key).not.toContain(encodeTotpKey(key));
		expect(row.totp_key).not.toContain(Buffer.from(key).toString('base64url'));
	});

	it('accepts a code once, with one step of clock drift either way', async () => {
		await enabled();
		const later = seconds(120);

		expect(await verifyTwoFactorCode(db, userId, appCode(key, seconds(90)), later)).toBe(true);
		// The same code again: an observer who saw it cannot reuse it.
		expect(await verifyTwoFactorCode(db, userId, appCode(key, seconds(90)), later)).toBe(false);
		// The next step's code, from a phone running fast, still works.
		expect(await verifyTwoFactorCode(db, userId, appCode(key, seconds(150)), later)).toBe(true);
		expect(await verifyTwoFactorCode(db, userId, appCode(key, seconds(600)), later)).toBe(false);
		expect(await verifyTwoFactorCode(db, userId, 'abcdef', later)).toBe(false);
	});

	it('gives ten recovery codes that each work once and are stored hashed', async () => {
		const codes = await enabled();
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);

		expect(await useRecoveryCode(db, userId, codes[0]!.toLowerCase())).toBe(true);
		expect(await useRecoveryCode(db, userId, codes[0]!)).toBe(false);
		expect(await useRecoveryCode(db, userId, 'AAAA-BBBB-CCCC-DDDD')).toBe(false);
		expect(await unusedRecoveryCodeCount(db, userId)).toBe(9);
		const stored = JSON.stringify(await db.selectFrom('recovery_code').selectAll().execute());
		for (const code of codes) expect(stored).not.toContain(code);
	});

	it('turns off with its recovery codes', async () => {
		const codes = await enabled();

		await disableTwoFactor(db, userId);

		expect(await verifyTwoFactorCode(db, userId, appCode(key, seconds(60)), seconds(60))).toBe(
			false
		);
		expect(await useRecoveryCode(db, userId, codes[1]!)).toBe(false);
	});
});
