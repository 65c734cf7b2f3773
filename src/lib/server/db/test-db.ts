import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './index';
import { migrateToLatest } from './migrate';
import { openSqlite } from './sqlite';

/** A real SQLite file built by the real migrations, in its own temporary folder. */
export async function openTestDb(): Promise<{
	db: Database;
	file: string;
	cleanup: () => Promise<void>;
}> {
	const dir = mkdtempSync(join(tmpdir(), 'mmpa-test-'));
	const file = join(dir, 'test.db');
	const db = openSqlite(file);
	await migrateToLatest(db);
	return {
		db,
		file,
		async cleanup() {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
