// `npm run restore -- <backup file>`: puts a backup in place of DATABASE_URL. Stop the server first.
import { DEFAULT_DATABASE_URL } from '$lib/server/db';
import { restoreSqlite } from '$lib/server/db/backup';

export async function main(args: string[]): Promise<number> {
	const backup = args[0];
	if (!backup) {
		console.error('Usage: npm run restore -- <backup file>   (with the server stopped)');
		return 2;
	}
	const target = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
	const kept = restoreSqlite(backup, target);
	console.log(`Restored ${backup} to ${target}.`);
	if (kept) console.log(`The database it replaced is kept as ${kept}.`);
	return 0;
}
