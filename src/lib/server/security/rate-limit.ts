import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Database } from '../db';

/**
 * Token buckets as in the lucia-auth.com example, kept in the database so that every app instance
 * counts the same attempts. A bucket holds `capacity` tokens and gains one every `refillMs`; each
 * attempt takes one, and an empty bucket refuses until it has refilled.
 */
export interface BucketRule {
	name: string;
	capacity: number;
	refillMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/**
 * Per IP, and per IP and account together: an attacker guessing one account's password from many
 * addresses is slowed by the per-IP buckets of each, while the account's owner, from their own
 * address, still has a full bucket. No limit is keyed by the account alone, which would let anyone
 * lock a student out by guessing wrong on purpose.
 */
export const LIMITS = {
	signInIp: { name: 'sign-in:ip', capacity: 20, refillMs: 3 * SECOND },
	signInAccount: { name: 'sign-in:ip+account', capacity: 5, refillMs: MINUTE },
	/** Re-entering the password while signed in, before a sensitive change. */
	confirmPassword: { name: 'confirm-password:ip+account', capacity: 10, refillMs: MINUTE },
	registerIp: { name: 'register:ip', capacity: 10, refillMs: MINUTE },
	registerAccount: { name: 'register:ip+account', capacity: 3, refillMs: MINUTE },
	resetIp: { name: 'reset:ip', capacity: 10, refillMs: MINUTE },
	resetAccount: { name: 'reset:ip+account', capacity: 3, refillMs: 5 * MINUTE },
	twoFactorIp: { name: 'two-factor:ip', capacity: 20, refillMs: 3 * SECOND },
	twoFactorAccount: { name: 'two-factor:ip+account', capacity: 5, refillMs: MINUTE },
	/** Enrolment codes are short enough to type: guessing them must stay slow. */
	enrollmentCode: { name: 'enrollment-code:ip+account', capacity: 10, refillMs: MINUTE }
} satisfies Record<string, BucketRule>;

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A bucket key from its parts, hashed so that the table holds no addresses or e-mails. */
export function bucketKey(...parts: string[]): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(parts.join('\n'))));
}

/** Takes one token from the bucket, or says how long until one is there. */
export async function consume(
	db: Database,
	rule: BucketRule,
	key: string,
	now = new Date()
): Promise<LimitResult> {
	const at = now.getTime();
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('rate_limit')
			.select(['tokens', 'updated_at'])
			.where('bucket', '=', rule.name)
			.where('key', '=', key)
			.executeTakeFirst();
		const elapsed = row ? Math.max(0, at - row.updated_at) : 0;
		const tokens = row
			? Math.min(rule.capacity, row.tokens + elapsed / rule.refillMs)
			: rule.capacity;
		if (tokens < 1) {
			return {
				allowed: false,
				retryAfterSeconds: Math.ceil(((1 - tokens) * rule.refillMs) / SECOND)
			};
		}
		await trx
			.insertInto('rate_limit')
			.values({ bucket: rule.name, key, tokens: tokens - 1, updated_at: at })
			.onConflict((oc) =>
				oc.columns(['bucket', 'key']).doUpdateSet({ tokens: tokens - 1, updated_at: at })
			)
			.execute();
		return { allowed: true } as const;
	});
}

/** Takes a token from each bucket in turn; the first refusal wins. */
export async function consumeAll(
	db: Database,
	buckets: [BucketRule, string][],
	now = new Date()
): Promise<LimitResult> {
	for (const [rule, key] of buckets) {
		const result = await consume(db, rule, key, now);
		if (!result.allowed) return result;
	}
	return { allowed: true };
}

/** Fills the bucket again, e.g. after the account's owner proved who they are. */
export async function resetBucket(db: Database, rule: BucketRule, key: string): Promise<void> {
	await db
		.deleteFrom('rate_limit')
		.where('bucket', '=', rule.name)
		.where('key', '=', key)
		.execute();
}

/** Rows of buckets that have long since refilled carry no information. */
export async function deleteFullBuckets(db: Database, now = new Date()): Promise<void> {
	await db
		.deleteFrom('rate_limit')
		.where('updated_at', '<', now.getTime() - 24 * 60 * MINUTE)
		.execute();
}

/** "Try again in 3 minutes." */
export function retryMessage(what: string, retryAfterSeconds: number): string {
	const wait =
		retryAfterSeconds < 60
			? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
			: `${Math.ceil(retryAfterSeconds / 60)} minute${retryAfterSeconds <= 60 ? '' : 's'}`;
	return `Too many ${what} from here. Try again in ${wait}.`;
}
