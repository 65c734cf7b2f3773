// Starts the built server on a fresh database for one Playwright run.
import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

if (!existsSync('build/index.js')) {
	console.error('No build/ found: run `npm run build` before the end-to-end tests.');
	process.exit(1);
}
rmSync(dirname(process.env.DATABASE_URL ?? '.e2e-data/academy.db'), {
	recursive: true,
	force: true
});
// A computed specifier keeps type checkers out of the generated build.
await import(pathToFileURL(resolve('build/index.js')).href);
