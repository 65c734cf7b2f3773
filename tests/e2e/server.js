// Starts the built server on a fresh database for one Playwright run.
import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (!existsSync('build/index.js')) {
	console.error('No build/ found: run `npm run build` before the end-to-end tests.');
	process.exit(1);
}
const databaseUrl = process.env.DATABASE_URL ?? '.e2e-data/academy.db';
if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
	// A PostgreSQL database given for the end-to-end run starts empty, like the SQLite file.
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	await client.query('drop schema if exists public cascade; create schema public');
	await client.end();
	rmSync(process.env.DATA_DIR ?? '.e2e-data', { recursive: true, force: true });
} else {
	rmSync(dirname(databaseUrl), { recursive: true, force: true });
}
// A computed specifier keeps type checkers out of the generated build.
await import(pathToFileURL(resolve('build/index.js')).href);
