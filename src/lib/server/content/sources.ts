import type { ContentSources } from './catalogue';

// Read through Vite so that build, dev, vitest and the lesson check see the same files. The
// files arrive as text: the index parses frontmatter itself, so a problem can name its line.
// Quiz files are only ever imported here, under $lib/server, so their answer keys never reach
// the browser. The globs are wider than the format so misplaced files are reported, not ignored.
const files = import.meta.glob<string>(
	[
		'/lessons/**/course.md',
		'/lessons/**/module.md',
		'/lessons/**/*.svx',
		'/lessons/**/*.quiz.yaml'
	],
	{ eager: true, query: '?raw', import: 'default' }
);

// Hotspot images: the URL Vite serves each one at (hashed under /_app/immutable in a build).
const images = import.meta.glob<string>('/lessons/*/images/**/*.{svg,png,jpg,jpeg,webp,gif}', {
	eager: true,
	query: '?url',
	import: 'default'
});

export const contentSources: ContentSources = { root: '/lessons', files, images };
