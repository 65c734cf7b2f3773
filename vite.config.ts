import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { nodeVersionProblem } from './src/lib/node-version.ts';
import { lessonDrafts, lessonPreview } from './scripts/vite-plugins.ts';
import { DEFAULT_TEST_DATABASE_URL } from './src/lib/server/db/test-postgres-setup.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem) throw new Error(problem);

export default defineConfig({
	plugins: [lessonDrafts(), lessonPreview(), sveltekit()],
	build: {
		// Lesson figures stay files: inlined as data URLs they would travel twice, base64 in the
		// lesson's JavaScript chunk and again in its HTML, and never be cached apart from either.
		assetsInlineLimit: (file) => (file.endsWith('.svg') ? false : undefined)
	},
	test: {
		environment: 'node',
		// A fixed key for encrypting TOTP keys, so specs never write a key file into data/.
		env: { SECRET_KEY: '0f'.repeat(32) },
		projects: [
			{
				extends: true,
				test: {
					name: 'sqlite',
					// The PostgreSQL run starts once this one is done: the two would compete for CPU.
					sequence: { groupOrder: 0 },
					include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
					env: { SECRET_KEY: '0f'.repeat(32), TEST_DATABASE: 'sqlite' }
				}
			},
			{
				// The server-side specs again, each test on a fresh schema of a real PostgreSQL
				// database (scripts/test-postgres.sh starts one); unreachable fails the run.
				extends: true,
				test: {
					name: 'postgres',
					sequence: { groupOrder: 1 },
					include: ['src/lib/server/**/*.spec.ts'],
					// Lesson content and SQLite file backups do not touch the database server.
					exclude: ['src/lib/server/content/**', 'src/lib/server/db/backup.spec.ts'],
					globalSetup: ['src/lib/server/db/test-postgres-setup.ts'],
					env: {
						SECRET_KEY: '0f'.repeat(32),
						TEST_DATABASE: 'postgres',
						TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL
					}
				}
			}
		]
	}
});
