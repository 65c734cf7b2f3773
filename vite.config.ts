import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { nodeVersionProblem } from './src/lib/node-version.ts';
import { lessonDrafts, lessonPreview } from './scripts/vite-plugins.ts';

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
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		// A fixed key for encrypting TOTP keys, so specs never write a key file into data/.
		env: { SECRET_KEY: '0f'.repeat(32) },
		// A limit catches a hang; it is not a speed requirement. On the shared two-core machine
		// under load, rendering a certificate PDF or compiling the shipped lessons took past the
		// default 5 s.
		testTimeout: 30_000
	}
});
