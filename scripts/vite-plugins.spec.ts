import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResolvedConfig } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { lessonDrafts } from './vite-plugins';

const dir = mkdtempSync(join(tmpdir(), 'mmpa-drafts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lesson(name: string, draft: boolean) {
	const file = join(dir, name);
	const text = `---\nid: ${name.replace('.svx', '')}\ntitle: T\nminutes: 1\ndraft: ${draft}\n---\n\nSecret prose.\n`;
	writeFileSync(file, text);
	return { file, text };
}

/** The plugin's hooks, as Vite calls them in `vite build` or `vite dev`. */
function hooks(command: 'build' | 'serve') {
	const plugin = lessonDrafts();
	const call = <T>(hook: unknown, ...args: unknown[]) =>
		(hook as (...a: unknown[]) => T).call({}, ...args);
	call(plugin.configResolved, { command } as ResolvedConfig);
	return {
		load: (id: string) => call<{ code: string } | undefined>(plugin.load, id),
		transform: (code: string, id: string) =>
			call<{ code: string } | undefined>(plugin.transform, code, id)
	};
}

describe('lessonDrafts', () => {
	it('reduces a draft to its frontmatter in a build, as a compiled lesson and as raw text', () => {
		const { file, text } = lesson('draft.svx', true);
		const { load, transform } = hooks('build');

		const raw = load(`${file}?raw`);
		const compiled = transform(text, file);

		expect(raw?.code).toBe(`export default ${JSON.stringify(text.split('\n\n')[0] + '\n')};`);
		expect(compiled?.code).not.toContain('Secret prose');
		expect(compiled?.code).toContain('draft: true');
	});

	it('leaves published lessons alone, and drafts in development', () => {
		const published = lesson('published.svx', false);
		const draft = lesson('draft-in-dev.svx', true);

		expect(hooks('build').load(`${published.file}?raw`)).toBeUndefined();
		expect(hooks('build').transform(published.text, published.file)).toBeUndefined();
		expect(hooks('serve').load(`${draft.file}?raw`)).toBeUndefined();
		expect(hooks('serve').transform(draft.text, draft.file)).toBeUndefined();
	});
});
