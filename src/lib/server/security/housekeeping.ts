import type { Database } from '../db';
import { logger } from '../log';
import { deleteExpiredPasswordResets } from '../auth/password-reset';
import { deleteExpiredSessions } from '../auth/session';
import { deleteFullBuckets } from './rate-limit';

const INTERVAL = 10 * 60 * 1000;

/** Deletes what has expired: sessions, reset links, rate-limit buckets that refilled long ago. */
export async function sweepExpired(db: Database, now = new Date()): Promise<void> {
	await deleteExpiredSessions(db, now);
	await deleteExpiredPasswordResets(db, now);
	await deleteFullBuckets(db, now);
}

/**
 * Sweeps at start and then every ten minutes, off the request path: each sweep is a few indexed
 * deletes, and the timer never keeps the process alive.
 */
export function startHousekeeping(db: Database): void {
	const run = () =>
		sweepExpired(db).catch((e: unknown) => logger.error({ err: e }, 'Housekeeping failed'));
	void run();
	setInterval(() => void run(), INTERVAL).unref();
}
