import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentSources } from '../catalogue';

// As the app's glob (sources.ts): lower-case extensions only.
const IMAGE = /\.(svg|png|jpe?g|webp|gif)$/;

/**
 * Reads a content folder from disk into the shape the app's globs give the index (see
 * sources.ts): the same files, keyed the same way (`/lessons/…`), so the checker and the app
 * index identical input. Also lists quiz files with the wrong extension, which the app's glob
 * would silently skip.
 */
export function readContentFolder(
	root: string,
	projectRoot = process.cwd()
): { sources: ContentSources; ignored: string[] } {
	const base = `/${relative(projectRoot, join(projectRoot, root)).split(sep).join('/')}`;
	const files: Record<string, string> = {};
	const images: Record<string, string> = {};
	const ignored: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			const key = `/${relative(projectRoot, path).split(sep).join('/')}`;
			if (entry.isDirectory()) walk(path);
			else if (/(^|\/)(course|module)\.md$|\.svx$|\.quiz\.yaml$/.test(key)) {
				files[key] = readFileSync(path, 'utf8');
			} else if (/\.quiz\.yml$/.test(key)) ignored.push(key);
			else if (IMAGE.test(key) && /^\/[^/]+\/images\//.test(key.slice(base.length))) {
				images[key] = key;
			}
		}
	};
	walk(join(projectRoot, root));
	return { sources: { root: base, files, images }, ignored };
}
