import type { Kysely } from 'kysely';
import type { DB } from './schema';
import { openSqlite } from './sqlite';

export type Database = Kysely<DB>;

export const DEFAULT_DATABASE_URL = 'data/academy.db';

let instance: Database | undefined;

/**
 * The app's one database, opened on first use and never at import time (`vite build` imports
 * server modules). `DATABASE_URL` is a file path; migrations run from the server's `init` hook.
 */
export function getDb(): Database {
	instance ??= openSqlite(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
	return instance;
}

export async function closeDb(): Promise<void> {
	const db = instance;
	instance = undefined;
	await db?.destroy();
}
