import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { bucketKey, consume, consumeAll, LIMITS, resetBucket, retryMessage } from './rate-limit';

const START = new Date('2026-11-01T12:00:00.000Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const rule = LIMITS.signInAccount; // 5 attempts, one more every minute

let db: Database;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

async function attempts(key: string, count: number, now = START) {
	const results = [];
	for (let i = 0; i < count; i++) results.push(await consume(db, rule, key, now));
	return results;
}

describe('token buckets in the database', () => {
	const attacker = bucketKey('203.0.113.7', 'ana@example.com');
	const owner = bucketKey('198.51.100.20', 'ana@example.com');

	it('lets five attempts through, refuses the sixth, and says when to come back', async () => {
		const results = await attempts(attacker, 6);

		expect(results.slice(0, 5).every((r) => r.allowed)).toBe(true);
		expect(results[5]).toEqual({ allowed: false, retryAfterSeconds: 60 });
	});

	it('recovers one attempt per minute, and only after it', async () => {
		await attempts(attacker, 5);

		expect((await consume(db, rule, attacker, at(59_000))).allowed).toBe(false);
		expect((await consume(db, rule, attacker, at(60_000))).allowed).toBe(true);
		expect((await consume(db, rule, attacker, at(60_000))).allowed).toBe(false);
		// After five quiet minutes the bucket is full again.
		const later = await attempts(attacker, 6, at(6 * 60_000));
		expect(later.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
	});

	it('keeps the owner’s bucket full from another address while the account is attacked', async () => {
		await attempts(attacker, 20);

		expect((await consume(db, rule, owner)).allowed).toBe(true);
	});

	it('refuses as soon as any bucket is empty, and a reset refills one', async () => {
		const ip = bucketKey('203.0.113.7');
		for (let i = 0; i < LIMITS.signInIp.capacity; i++) {
			await consume(db, LIMITS.signInIp, ip, START);
		}

		const result = await consumeAll(
			db,
			[
				[LIMITS.signInIp, ip],
				[rule, attacker]
			],
			START
		);
		expect(result).toEqual({ allowed: false, retryAfterSeconds: 3 });

		await attempts(attacker, 5);
		await resetBucket(db, rule, attacker);
		expect((await consume(db, rule, attacker)).allowed).toBe(true);
	});

	it('stores neither addresses nor e-mail addresses', async () => {
		await attempts(attacker, 1);

		const rows = await db.selectFrom('rate_limit').selectAll().execute();
		expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113\.7|ana@example\.com/);
	});

	it('says when to try again in words', () => {
		expect(retryMessage('sign-in attempts', 1)).toBe(
			'Too many sign-in attempts from here. Try again in 1 second.'
		);
		expect(retryMessage('sign-in attempts', 60)).toMatch(/in 1 minute\.$/);
		expect(retryMessage('sign-in attempts', 150)).toMatch(/in 3 minutes\.$/);
	});
});
