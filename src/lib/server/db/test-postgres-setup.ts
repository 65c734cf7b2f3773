import pg from 'pg';

/** What `npm test` uses when TEST_DATABASE_URL is not set: the role scripts/test-postgres.sh makes. */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://mmpa:mmpa@localhost:5432/mmpa_test';

/**
 * Vitest global setup of the `postgres` project: the database specs also run on PostgreSQL, and
 * a server that does not answer fails the run with what to do, never a silent skip.
 */
export default async function setup(): Promise<void> {
	const url = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
	process.env.TEST_DATABASE_URL = url;
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
	try {
		await client.connect();
		await client.query('select 1');
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(
			`The database specs also run on PostgreSQL, and ${redact(url)} did not answer (${reason}).\n` +
				'Start PostgreSQL and create the test role and database with `sudo scripts/test-postgres.sh`\n' +
				'(or set TEST_DATABASE_URL to a database the specs may create schemas in).',
			{ cause: error }
		);
	} finally {
		await client.end().catch(() => {});
	}
}

function redact(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'TEST_DATABASE_URL';
	}
}
