// Page weight: the JavaScript and CSS a browser loads to show and hydrate a page, gzipped. The
// list of files comes from a real browser (the Resource Timing entries after the page settles),
// so it includes what hydration imports lazily, such as a lesson's own compiled chunk. Sizes are
// measured by gzipping the bytes the server sends, so they do not depend on which precompressed
// copy a browser was given or on its cache.
import { gzipSync } from 'node:zlib';

/** Gzipped sizes of asset URLs, each fetched once. */
export function assetSizer() {
	const sizes = new Map();
	return async (url) => {
		if (!sizes.has(url)) {
			const response = await fetch(url);
			if (!response.ok) throw new Error(`${url} answered ${response.status}`);
			sizes.set(url, gzipSync(Buffer.from(await response.arrayBuffer())).length);
		}
		return sizes.get(url);
	};
}

/**
 * Opens `path` in a Playwright page and weighs the same-origin .js and .css files it loaded.
 * Returns `{ name, path, status, js, css, files }`, byte counts gzipped.
 * @param {import('@playwright/test').Page} page a page whose context is signed in as needed
 * @param {{ name: string, path: string }} target
 * @param {(url: string) => Promise<number>} sizeOf from assetSizer(), shared across pages
 */
export async function weighPage(page, target, sizeOf) {
	const response = await page.goto(target.path, { waitUntil: 'networkidle' });
	const origin = new URL(page.url()).origin;
	const files = await page.evaluate(() =>
		performance.getEntriesByType('resource').map((entry) => entry.name)
	);
	let js = 0;
	let css = 0;
	const assets = [...new Set(files)].filter(
		(url) => new URL(url).origin === origin && /\.(js|css)$/.test(new URL(url).pathname)
	);
	for (const url of assets) {
		const size = await sizeOf(url);
		if (new URL(url).pathname.endsWith('.js')) js += size;
		else css += size;
	}
	return { ...target, status: response?.status() ?? 0, js, css, files: assets };
}

/** A markdown table of page weights in kB (1 kB = 1,000 bytes). */
export function weightTable(results) {
	const kB = (bytes) => (bytes / 1000).toFixed(1);
	return [
		'| page | status | JavaScript kB (gzip) | CSS kB (gzip) | files |',
		'| --- | ---: | ---: | ---: | ---: |',
		...results.map(
			(r) => `| ${r.name} | ${r.status} | ${kB(r.js)} | ${kB(r.css)} | ${r.files.length} |`
		)
	].join('\n');
}
