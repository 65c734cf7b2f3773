import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';

// Bundled at build time: migrations ship inside the server build, not read from src/ at run time.
const modules = import.meta.glob<Migration>('./migrations/*.ts', { eager: true });

const provider: MigrationProvider = {
	async getMigrations() {
		return Object.fromEntries(
			Object.entries(modules).map(([path, migration]) => [
				path.replace(/^.*\/(.+)\.ts$/, '$1'),
				migration
			])
		);
	}
};

/** Applies every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<string[]> {
	// Work on several branches adds migrations in parallel; a database that already has a later one
	// still takes an earlier-named newcomer instead of refusing to start.
	const migrator = new Migrator({
		db,
		provider,
		allowUnorderedMigrations: true,
		// Kysely looks for its bookkeeping tables in every schema it can see; on PostgreSQL it must
		// look only in the one this connection works in (another schema may hold another copy).
		migrationTableSchema: await postgresSchema(db)
	});
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error) {
		const cause = error instanceof Error ? error.message : String(error);
		throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, {
			cause: error
		});
	}
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function postgresSchema<T>(db: Kysely<T>): Promise<string | undefined> {
	if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
	const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
	return rows[0]?.schema;
}
