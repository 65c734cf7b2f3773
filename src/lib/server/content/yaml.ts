import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export type FieldPath = readonly PropertyKey[];

/** YAML read as data, remembering where each field was written so problems can name the line. */
export interface YamlSource {
	data: unknown;
	/** The line (1-based, in the file) of the field at `path`, or of its nearest written parent. */
	lineOf(path: FieldPath): number;
	/** The text the author wrote for a scalar field, e.g. `01` where YAML read the number 1. */
	sourceOf(path: FieldPath): string | undefined;
}

export class YamlSyntaxError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(message);
	}
}

/**
 * Parses YAML 1.2 (where `yes` stays text but `01` is still the number 1). `firstLine` is the
 * line of the file the text starts on, for frontmatter below its `---`.
 */
export function parseYaml(text: string, firstLine = 1): YamlSource {
	const lines = new LineCounter();
	const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
	const lineAt = (offset: number) => lines.linePos(offset).line + firstLine - 1;
	const [error] = doc.errors;
	if (error) {
		const message = error.message.split('\n')[0] ?? error.message;
		throw new YamlSyntaxError(message, lineAt(error.pos[0]));
	}

	/** The deepest node on the path, and the offset of its key where it has one. */
	function locate(path: FieldPath): { node: Node | null; offset: number } {
		let node: Node | null = doc.contents;
		let offset = node?.range?.[0] ?? 0;
		for (const key of path) {
			if (isMap(node)) {
				const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
				if (!pair) break;
				offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
				node = (pair.value as Node | null) ?? null;
			} else if (isSeq(node) && typeof key === 'number') {
				const item = node.items[key] as Node | undefined;
				if (!item) break;
				offset = item.range?.[0] ?? offset;
				node = item;
			} else {
				break;
			}
		}
		return { node, offset };
	}

	return {
		data: doc.toJS(),
		lineOf: (path) => lineAt(locate(path).offset),
		sourceOf(path) {
			const { node } = locate(path);
			return isScalar(node) ? node.source : undefined;
		}
	};
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/** Splits a Markdown/mdsvex file into its frontmatter YAML and its body. */
export function splitFrontmatter(
	text: string
): { yaml: string; body: string; bodyLine: number } | null {
	const match = FRONTMATTER.exec(text);
	if (!match) return null;
	const bodyLine = match[0].split('\n').length;
	return {
		yaml: match[1] ?? '',
		body: text.slice(match[0].length),
		bodyLine: match[0].endsWith('\n') ? bodyLine : bodyLine + 1
	};
}
