// `npm run backup [-- destination]`: a consistent copy of the live database while the app serves.
import { DEFAULT_DATABASE_URL } from '$lib/server/db';
import { backupSqlite } from '$lib/server/db/backup';

export async function main(args: string[]): Promise<number> {
	const source = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
	const destination =
		args[0] ?? `backups/academy-${new Date().toISOString().replace(/[:.]/g, '-')}.db`;
	await backupSqlite(source, destination);
	console.log(`Backed up ${source} to ${destination}`);
	return 0;
}
