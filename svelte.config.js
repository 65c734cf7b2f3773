import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	// Lessons (.svx) and course overviews (course.md) under lessons/ compile as Svelte components.
	extensions: ['.svelte', '.svx', '.md'],
	preprocess: [vitePreprocess(), mdsvex({ extensions: ['.svx', '.md'] })],
	kit: {
		// Precompressed .gz and .br copies of every static file and client asset, which the
		// server sends to browsers that accept them; /_app/immutable files are cached for a year.
		adapter: adapter({ precompress: true }),
		typescript: {
			// Type-check and lint the scripts and test configuration with the app's settings.
			config(tsconfig) {
				// Wildcards skip dot-folders, so /.well-known routes are named explicitly.
				tsconfig.include.push(
					'../scripts/**/*.ts',
					'../bench/**/*.ts',
					'../playwright.config.ts',
					'../src/routes/.well-known/**/*.ts'
				);
			}
		},
		// Nothing is loaded from another origin: fonts, scripts and images are served by the app.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
