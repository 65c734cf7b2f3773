import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { isPostgresUrl } from './postgres';

/** These commands copy SQLite files; a PostgreSQL server has its own tools. */
function refusePostgres(url: string, what: 'backup' | 'restore'): void {
	if (!isPostgresUrl(url)) return;
	throw new Error(
		what === 'backup'
			? 'npm run backup copies a SQLite database; DATABASE_URL names a PostgreSQL server. Back it up with pg_dump, e.g. pg_dump --format=custom --file=academy.dump "$DATABASE_URL".'
			: 'npm run restore puts back a SQLite backup; DATABASE_URL names a PostgreSQL server. Restore a pg_dump file with pg_restore, e.g. pg_restore --clean --if-exists --dbname="$DATABASE_URL" academy.dump.'
	);
}

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API: it runs while
 * the app keeps serving (WAL lets readers and the one writer go on) and copies a single
 * transaction-consistent snapshot, unlike copying the file, which can catch a half-written page.
 */
export async function backupSqlite(source: string, destination: string): Promise<void> {
	refusePostgres(source, 'backup');
	if (!existsSync(source)) throw new Error(`There is no database at ${source}.`);
	if (existsSync(destination)) throw new Error(`${destination} already exists; choose a new name.`);
	mkdirSync(dirname(destination), { recursive: true });
	const db = new Database(source, { readonly: true, fileMustExist: true });
	try {
		await db.backup(destination);
	} finally {
		db.close();
	}
	assertIntact(destination);
}

/**
 * Puts a backup in place of the database. Only with the server stopped: a running server keeps
 * its connection to the old file. The backup is checked first, the current database is kept
 * beside it as `<name>.before-restore-<time>`, and stale `-wal`/`-shm` files are removed so
 * SQLite cannot replay the old database's log over the restored one.
 */
export function restoreSqlite(backup: string, target: string, now = new Date()): string | null {
	refusePostgres(target, 'restore');
	if (!existsSync(backup)) throw new Error(`There is no backup at ${backup}.`);
	assertIntact(backup);
	mkdirSync(dirname(target), { recursive: true });
	let kept: string | null = null;
	if (existsSync(target)) {
		// Fold the current WAL into the file so the kept copy is complete on its own.
		const current = new Database(target, { fileMustExist: true });
		current.pragma('wal_checkpoint(TRUNCATE)');
		current.close();
		kept = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
		renameSync(target, kept);
	}
	for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
	const staging = `${target}.restoring`;
	copyFileSync(backup, staging);
	renameSync(staging, target);
	return kept;
}

function assertIntact(file: string): void {
	const db = new Database(file, { readonly: true, fileMustExist: true });
	try {
		const result = db.pragma('integrity_check', { simple: true });
		if (result !== 'ok') throw new Error(`${file} failed SQLite's integrity check: ${result}`);
	} finally {
		db.close();
	}
}
