import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
	CompiledQuery,
	Kysely,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type SqliteDialectConfig
} from 'kysely';
import type { DB } from './schema';

/**
 * Kysely opens SQLite transactions with a plain BEGIN, which takes the write lock only at the first
 * write; two connections that both read first then deadlock on the upgrade and one gets
 * SQLITE_BUSY at once, ignoring busy_timeout. BEGIN IMMEDIATE takes the write lock up front, so a
 * second writer waits its turn instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class ImmediateSqliteDialect extends SqliteDialect {
	readonly #config: SqliteDialectConfig;
	constructor(config: SqliteDialectConfig) {
		super(config);
		this.#config = config;
	}
	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.#config);
	}
}

export function openSqlite(filename: string): Kysely<DB> {
	if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
	const sqlite = new Database(filename);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// In WAL mode NORMAL is durable against application crashes; only power loss can undo the last
	// transactions, never corrupt the file.
	sqlite.pragma('synchronous = NORMAL');
	return new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
}
