import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from './index';
import { migrateToLatest } from './migrate';
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';

export interface TestDb {
	db: Database;
	kind: 'sqlite' | 'postgres';
	/** The SQLite file ('' on PostgreSQL). */
	file: string;
	/** A second, independent connection to the same database, e.g. to race the first. */
	connectAgain: () => Database;
	cleanup: () => Promise<void>;
}

/**
 * A fresh database built by the real migrations: SQLite, or PostgreSQL at `TEST_DATABASE_URL`
 * when `TEST_DATABASE=postgres` (the `postgres` project in vite.config.ts sets both).
 */
export function openTestDb(): Promise<TestDb> {
	if (process.env.TEST_DATABASE !== 'postgres') return openSqliteTestDb();
	const url = process.env.TEST_DATABASE_URL;
	if (!url) throw new Error('TEST_DATABASE=postgres needs TEST_DATABASE_URL.');
	return openPostgresTestDb(url);
}

/** A real SQLite file built by the real migrations, in its own temporary folder. */
export async function openSqliteTestDb(): Promise<TestDb> {
	const dir = mkdtempSync(join(tmpdir(), 'mmpa-test-'));
	const file = join(dir, 'test.db');
	const db = openSqlite(file);
	await migrateToLatest(db);
	const others: Database[] = [];
	return {
		db,
		kind: 'sqlite',
		file,
		connectAgain() {
			const other = openSqlite(file);
			others.push(other);
			return other;
		},
		async cleanup() {
			for (const other of others) await other.destroy();
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * A schema of its own on the test PostgreSQL database, built by the real migrations and dropped
 * afterwards, so spec files running in parallel never see each other's rows.
 */
export async function openPostgresTestDb(url: string): Promise<TestDb> {
	const schema = `test_${crypto.randomUUID().replaceAll('-', '')}`;
	const admin = openPostgres(url, { max: 1 });
	try {
		await sql`create schema ${sql.id(schema)}`.execute(admin);
	} finally {
		await admin.destroy();
	}
	const open = () => openPostgres(url, { max: 4, schema });
	const db = open();
	await migrateToLatest(db);
	const others: Database[] = [];
	return {
		db,
		kind: 'postgres',
		file: '',
		connectAgain() {
			const other = open();
			others.push(other);
			return other;
		},
		async cleanup() {
			for (const other of others) await other.destroy();
			await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
			await db.destroy();
		}
	};
}
