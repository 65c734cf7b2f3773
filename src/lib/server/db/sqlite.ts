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
	type SqliteDatabase,
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

/** How many prepared statements stay cached: every distinct query the app makes, with room. */
const STATEMENT_CACHE_SIZE = 1_000;

/**
 * Kysely prepares every query afresh, and preparing was a tenth of a lesson page's server time
 * (CPU profile under `npm run bench`). The app's queries are a fixed set of SQL texts with their
 * values as parameters, so each text is prepared once and its statement reused, least recently
 * used first out. A statement still being iterated (a streamed query) is busy: that query gets a
 * fresh one.
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
	const statements = new Map<string, Database.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql) {
			const cached = statements.get(sql);
			if (cached && !cached.busy) {
				statements.delete(sql);
				statements.set(sql, cached);
				return cached;
			}
			const statement = sqlite.prepare(sql);
			if (!cached) {
				statements.set(sql, statement);
				if (statements.size > STATEMENT_CACHE_SIZE) {
					statements.delete(statements.keys().next().value!);
				}
			}
			return statement;
		}
	};
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
	return new Kysely<DB>({
		dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) })
	});
}
