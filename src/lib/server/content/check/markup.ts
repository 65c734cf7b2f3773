// Reading a lesson's source the way an author wrote it, for checks that must name a line: what
// is prose, what is a component tag, what is code. Offsets index the whole file.

/** The file with code, scripts, styles and comments blanked out (same length, same lines). */
export function proseOnly(text: string): string {
	const blank = (match: string) => match.replace(/[^\n]/g, ' ');
	return text
		.replace(/^---\r?\n[\s\S]*?\r?\n---/, blank)
		.replace(/<script[\s\S]*?<\/script>/g, blank)
		.replace(/<style[\s\S]*?<\/style>/g, blank)
		.replace(/<!--[\s\S]*?-->/g, blank)
		.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, blank)
		.replace(/`[^`\n]+`/g, blank);
}

export function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
	return line;
}

export interface Tag {
	name: string;
	/** The whole opening tag, attributes included (may span lines). */
	source: string;
	offset: number;
	selfClosing: boolean;
}

/**
 * Opening tags of elements and components in prose, with their attributes. A tag ends at the
 * first `>` outside quotes and braces, so `{[[1, 2]]}` and `"a > b"` stay inside it.
 */
export function tags(prose: string): Tag[] {
	const found: Tag[] = [];
	const start = /<([A-Za-z][\w.-]*)/g;
	let match: RegExpExecArray | null;
	while ((match = start.exec(prose))) {
		let depth = 0;
		let quote: string | null = null;
		let end = -1;
		for (let i = match.index + match[0].length; i < prose.length; i++) {
			const c = prose[i]!;
			if (quote) {
				if (c === quote) quote = null;
			} else if (c === '"' || c === "'" || c === '`') quote = c;
			else if (c === '{') depth++;
			else if (c === '}') depth--;
			else if (c === '>' && depth === 0) {
				end = i;
				break;
			}
		}
		if (end === -1) continue;
		const source = prose.slice(match.index, end + 1);
		found.push({
			name: match[1]!,
			source,
			offset: match.index,
			selfClosing: source.endsWith('/>')
		});
		start.lastIndex = end + 1;
	}
	return found;
}

/** An attribute's value: the text of `name="…"`, `{…}` for an expression, '' when bare. */
export function attribute(tag: Tag, name: string): string | undefined {
	const match = new RegExp(
		`[\\s{]${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\{))|(?=[\\s}/>]))`
	).exec(tag.source);
	if (!match) return undefined;
	if (match[3]) return '{…}';
	return match[1] ?? match[2] ?? '';
}

/** Every string literal in a tag's attributes, except the values of the attributes named. */
export function tagStrings(tag: Tag, except: readonly string[]): string[] {
	const out: string[] = [];
	const literal = /(?:([\w-]+)\s*=\s*)?("([^"]*)"|'((?:[^'\\]|\\.)*)')/g;
	let match: RegExpExecArray | null;
	while ((match = literal.exec(tag.source))) {
		if (match[1] && except.includes(match[1])) continue;
		out.push(match[3] ?? match[4] ?? '');
	}
	return out;
}

/** Markdown links and images: `[text](url)`, `![alt](url)`. */
export function markdownLinks(
	prose: string
): { image: boolean; text: string; url: string; offset: number }[] {
	const out: { image: boolean; text: string; url: string; offset: number }[] = [];
	const link = /(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
	let match: RegExpExecArray | null;
	while ((match = link.exec(prose))) {
		out.push({ image: match[1] === '!', text: match[2]!, url: match[3]!, offset: match.index });
	}
	return out;
}

/** The static imports of the lesson's script blocks: name → module path, with offsets. */
export function imports(text: string): { names: string[]; from: string; offset: number }[] {
	const out: { names: string[]; from: string; offset: number }[] = [];
	const script = /<script[^>]*>([\s\S]*?)<\/script>/g;
	let block: RegExpExecArray | null;
	while ((block = script.exec(text))) {
		const body = block[1]!;
		const base = block.index + block[0].indexOf(body);
		const statement =
			/import\s+(?:([\w$]+)|\{([^}]*)\}|\*\s+as\s+([\w$]+))\s+from\s+['"]([^'"]+)['"]/g;
		let match: RegExpExecArray | null;
		while ((match = statement.exec(body))) {
			const names = match[1]
				? [match[1]]
				: match[3]
					? [match[3]]
					: (match[2] ?? '')
							.split(',')
							.map(
								(n) =>
									n
										.trim()
										.split(/\s+as\s+/)
										.at(-1) ?? ''
							)
							.filter(Boolean);
			out.push({ names, from: match[4]!, offset: base + match.index });
		}
	}
	return out;
}
