import { dirname } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from './schema';
import { isPostgresUrl, openPostgres } from './postgres';
import { openSqlite } from './sqlite';

export type Database = Kysely<DB>;

export const DEFAULT_DATABASE_URL = 'data/academy.db';

export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseUrl(): string {
	return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** `postgres://` or `postgresql://` is a PostgreSQL server; anything else is a SQLite file. */
export function databaseKind(url = databaseUrl()): DatabaseKind {
	return isPostgresUrl(url) ? 'postgres' : 'sqlite';
}

/**
 * Where the server keeps the files that are not in the database (the secret key and the
 * credential signing key when they are not configured): beside a SQLite file, or `DATA_DIR`
 * (default `data`) with PostgreSQL.
 */
export function dataDirectory(env: Record<string, string | undefined> = process.env): string {
	const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
	if (databaseKind(url) === 'postgres' || url === ':memory:') return env.DATA_DIR || 'data';
	return dirname(url);
}

/** The database for messages and logs: a PostgreSQL URL without its password. */
export function describeDatabase(url = databaseUrl()): string {
	if (databaseKind(url) === 'sqlite') return url;
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'PostgreSQL (unparsable URL)';
	}
}

/** Opens the database a URL names; each call is a new connection (pool). */
export function openDatabase(url: string): Database {
	return databaseKind(url) === 'postgres' ? openPostgres(url) : openSqlite(url);
}

let instance: Database | undefined;

/**
 * The app's one database, opened on first use and never at import time (`vite build` imports
 * server modules). `DATABASE_URL` is a SQLite file path or a `postgres://` URL; migrations run
 * from the server's `init` hook.
 */
export function getDb(): Database {
	instance ??= openDatabase(databaseUrl());
	return instance;
}

export async function closeDb(): Promise<void> {
	const db = instance;
	instance = undefined;
	await db?.destroy();
}
