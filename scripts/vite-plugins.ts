import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const LESSONS = `${resolve('lessons')}/`;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

/** The frontmatter block of a draft lesson, or undefined when the lesson is not a draft. */
function draftFrontmatter(source: string): string | undefined {
	const frontmatter = FRONTMATTER.exec(source);
	return frontmatter?.[1] && /^draft:\s*true\s*$/m.test(frontmatter[1])
		? frontmatter[0]
		: undefined;
}

/**
 * Draft lessons stay out of production builds: in `vite build` a `.svx` whose frontmatter says
 * `draft: true` is reduced to its frontmatter, both as the compiled lesson and as the text the
 * content index reads (`?raw`), so its prose never reaches build/ and the index (which also drops
 * drafts outside dev) never lists it.
 */
export function lessonDrafts(): Plugin {
	let building = false;
	return {
		name: 'mmpa-lesson-drafts',
		enforce: 'pre',
		configResolved(config) {
			building = config.command === 'build';
		},
		load(id) {
			if (!building || !id.endsWith('.svx?raw')) return;
			const file = id.slice(0, -'?raw'.length);
			const draft = draftFrontmatter(readFileSync(file, 'utf8'));
			if (draft === undefined) return;
			// An empty source map: the default one would carry the original text in its sources.
			return { code: `export default ${JSON.stringify(`${draft}\n`)};`, map: { mappings: '' } };
		},
		transform(code, id) {
			if (!building || !id.endsWith('.svx')) return;
			const draft = draftFrontmatter(code);
			return draft === undefined ? undefined : { code: `${draft}\n`, map: { mappings: '' } };
		}
	};
}

/**
 * `npm run dev`: an edit anywhere under lessons/ (a lesson, its quiz, a course or module file, an
 * image) reloads the page. Vite re-runs the server's content index on its own; the page must
 * load again to show what the index now says, such as a quiz's new version or a new title.
 */
export function lessonPreview(): Plugin {
	return {
		name: 'mmpa-lesson-preview',
		apply: 'serve',
		hotUpdate({ file }) {
			if (this.environment.name !== 'client' || !file.startsWith(LESSONS)) return;
			this.environment.hot.send({ type: 'full-reload' });
			return [];
		}
	};
}
