import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { nodeVersionProblem } from './src/lib/node-version.ts';

const problem = nodeVersionProblem(process.versions.node);
if (problem) throw new Error(problem);

/**
 * Draft lessons stay out of production builds: in `vite build` a `.svx` whose frontmatter says
 * `draft: true` is reduced to its frontmatter, so its prose never reaches build/ and the content
 * index (which also drops drafts outside dev) never lists it.
 */
function lessonDrafts(): Plugin {
	let building = false;
	return {
		name: 'mmpa-lesson-drafts',
		enforce: 'pre',
		configResolved(config) {
			building = config.command === 'build';
		},
		transform(code, id) {
			if (!building || !id.endsWith('.svx')) return;
			const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(code);
			if (!frontmatter?.[1] || !/^draft:\s*true\s*$/m.test(frontmatter[1])) return;
			return { code: `${frontmatter[0]}\n`, map: null };
		}
	};
}

export default defineConfig({
	plugins: [lessonDrafts(), sveltekit()],
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
		environment: 'node',
		// A fixed key for encrypting TOTP keys, so specs never write a key file into data/.
		env: { SECRET_KEY: '0f'.repeat(32) }
	}
});
