/** One thing wrong with the content, where an author can find it: `file:line: message`. */
export interface Problem {
	/** The file as a path from the project root, e.g. `lessons/01-x/course.md`. */
	file: string;
	line: number;
	message: string;
}

/** Bad content: lists every problem found, each naming its file, line and field. */
export class ContentError extends Error {
	override name = 'ContentError';
	constructor(readonly problems: Problem[]) {
		super(problems.map(formatProblem).join('\n'));
	}
}

export function formatProblem({ file, line, message }: Problem): string {
	return `${file}:${line}: ${message}`;
}

/** A module key such as `/lessons/01-x/course.md` as a path from the project root. */
export function displayPath(key: string): string {
	return key.replace(/^\/+/, '');
}

/** Collects problems while the content is indexed, so one run reports all of them. */
export class ProblemList {
	readonly items: Problem[] = [];

	add(key: string, line: number, message: string): void {
		this.items.push({ file: displayPath(key), line, message });
	}

	sorted(): Problem[] {
		return [...this.items].sort(
			(a, b) =>
				a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message)
		);
	}
}
