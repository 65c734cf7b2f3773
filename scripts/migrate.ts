// `npm run migrate`: applies pending migrations to the database at DATABASE_URL (the server also
// does this at start).
import { closeDb, describeDatabase, getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';

export async function main(): Promise<number> {
	const applied = await migrateToLatest(getDb());
	const file = describeDatabase();
	console.log(
		applied.length ? `Applied ${applied.join(', ')} to ${file}` : `${file} is up to date`
	);
	await closeDb();
	return 0;
}
