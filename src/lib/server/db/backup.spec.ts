import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite } from './backup';
import type { Database } from './index';
import { openSqlite } from './sqlite';
import { openSqliteTestDb } from './test-db';
import { createUser, findUserByEmail } from './users';

let db: Database;
let file: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, file, cleanup } = await openSqliteTestDb());
});
afterEach(async () => {
	await cleanup();
});

const addUser = (email: string) =>
	createUser(db, { email, name: 'Backed Up', passwordHash: 'not-checked-here' });

describe('backup and restore', () => {
	it('copies the live database while it is open and restores it with its data', async () => {
		await addUser('before-backup@example.com');
		const backup = join(file, '..', 'backups', 'copy.db');

		// The app's connection stays open during the backup, as it would while serving.
		await backupSqlite(file, backup);
		await addUser('after-backup@example.com');

		const target = join(file, '..', 'restored', 'academy.db');
		restoreSqlite(backup, target);
		const restored = openSqlite(target);
		try {
			expect(await findUserByEmail(restored, 'before-backup@example.com')).toBeDefined();
			expect(await findUserByEmail(restored, 'after-backup@example.com')).toBeUndefined();
		} finally {
			await restored.destroy();
		}
	});

	it('keeps the replaced database and drops its stale WAL files', async () => {
		await addUser('kept@example.com');
		const backup = join(file, '..', 'empty-backup.db');
		const empty = await openSqliteTestDb();
		await backupSqlite(empty.file, backup);
		await empty.cleanup();

		const target = join(file, '..', 'target', 'academy.db');
		await backupSqlite(file, target);
		writeFileSync(`${target}-wal`, 'a stale log from the replaced database');

		const kept = restoreSqlite(backup, target);
		expect(existsSync(`${target}-wal`)).toBe(false);
		const restored = openSqlite(target);
		const previous = openSqlite(kept!);
		try {
			expect(await findUserByEmail(restored, 'kept@example.com')).toBeUndefined();
			expect(await findUserByEmail(previous, 'kept@example.com')).toBeDefined();
		} finally {
			await restored.destroy();
			await previous.destroy();
		}
	});

	it('refuses to overwrite an existing backup or to restore a file that is not a database', async () => {
		const existing = join(file, '..', 'existing.db');
		writeFileSync(existing, 'x');
		await expect(backupSqlite(file, existing)).rejects.toThrow(/already exists/);

		const notADatabase = join(file, '..', 'not-a-database.db');
		writeFileSync(notADatabase, 'this is not SQLite');
		expect(() => restoreSqlite(notADatabase, join(file, '..', 'x', 'academy.db'))).toThrow();
	});

	it('refuses a PostgreSQL database and names pg_dump and pg_restore instead', async () => {
		const url = 'postgres://academy@db.internal/academy';
		await expect(backupSqlite(url, join(file, '..', 'pg.db'))).rejects.toThrow(/pg_dump/);
		expect(() => restoreSqlite(file, url)).toThrow(/pg_restore/);
		expect(existsSync(join(file, '..', 'pg.db'))).toBe(false);
	});
});
