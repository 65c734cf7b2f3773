import { compile as mdsvex } from 'mdsvex';
import { compile as svelte } from 'svelte/compiler';

export interface CompileProblem {
	line: number;
	message: string;
}

/**
 * Compiles a lesson or overview the way the build does (mdsvex, as in svelte.config.js, then
 * Svelte's compiler) and reports what would break it, or what Svelte's accessibility checks
 * flag, on the line of the author's file. Svelte reports positions in mdsvex's output, which is
 * HTML, so the line is found again by the text around the position.
 */
export async function compileProblems(source: string, filename: string): Promise<CompileProblem[]> {
	let code: string;
	try {
		const processed = await mdsvex(source, { extensions: ['.svx', '.md'] });
		code = processed?.code ?? '';
	} catch (error) {
		return [{ line: 1, message: `does not compile: ${firstLine(error)}` }];
	}
	try {
		const { warnings } = svelte(code, { filename, generate: 'server' });
		return warnings
			.filter((w) => w.code.startsWith('a11y'))
			.map((w) => ({
				line: sourceLine(source, code, w.start?.character ?? 0),
				message: `accessibility: ${firstLine(w)}`
			}));
	} catch (error) {
		const at = (error as { start?: { character: number } }).start?.character ?? 0;
		return [
			{
				line: sourceLine(source, code, at),
				message: `does not compile: ${firstLine(error)}. In prose, write &#123; for { and &lt; for <`
			}
		];
	}
}

function firstLine(error: unknown): string {
	const message =
		error instanceof Error
			? error.message
			: String((error as { message?: unknown }).message ?? error);
	return message.split('\n')[0]!.replace(/\s*https:\/\/svelte\.dev\/e\/\S+/, '');
}

/** Makes mdsvex's HTML comparable with Markdown source: no tags, plain quotes, no entities. */
function plain(text: string): string {
	return text
		.replace(/<[^>]*>/g, '')
		.replace(/[“”]/g, '"')
		.replace(/[‘’]/g, "'")
		.replace(
			/&(amp|lt|gt|quot|#39);/g,
			(_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? ''
		);
}

/** The line of `source` that produced the output around `offset`, or the first body line. */
function sourceLine(source: string, output: string, offset: number): number {
	const lineStart = output.lastIndexOf('\n', offset - 1) + 1;
	const lineEnd = output.indexOf('\n', offset);
	const before = plain(output.slice(lineStart, offset));
	const after = plain(output.slice(offset, lineEnd === -1 ? undefined : lineEnd));
	const quoted = /"([^"]{3,})"/.exec(output.slice(offset, offset + 200))?.[1];
	const lines = plain(source).split('\n');
	const bodyStart = source.startsWith('---') ? source.split('\n').indexOf('---', 1) + 1 : 0;
	const candidates = [
		before.slice(-30),
		before.slice(-16),
		before.slice(-8),
		after.slice(0, 16),
		quoted
	].map((c) => c?.trim() ?? '');
	for (const candidate of candidates) {
		if (candidate.length < 3) continue;
		const index = lines.findIndex((line, i) => i >= bodyStart && line.includes(candidate));
		if (index !== -1) return index + 1;
	}
	return bodyStart + 1;
}
