import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { getDb } from '$lib/server/db';
import { logger } from '$lib/server/log';
import type { RequestHandler } from './$types';

/** A database that has not answered by then counts as down: a load balancer needs an answer. */
const DATABASE_TIMEOUT_MS = 3000;

/**
 * For load balancers and monitoring: 200 when the database answers a query, else 503, both as
 * JSON and never cached.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const headers = { 'Cache-Control': 'no-store' };
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			sql`select 1`.execute(getDb()),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)),
					DATABASE_TIMEOUT_MS
				);
			})
		]);
		return json({ status: 'ok', database: 'ok' }, { headers });
	} catch (error) {
		logger.error({ err: error, reqId: locals.requestId }, 'Health check: database unavailable');
		return json({ status: 'error', database: 'unavailable' }, { status: 503, headers });
	} finally {
		clearTimeout(timer);
	}
};
