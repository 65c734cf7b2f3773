import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Course } from '../catalogue';
import { attribute, imports, lineAt, markdownLinks, proseOnly, tags, type Tag } from './markup';

export interface ScanProblem {
	line: number;
	message: string;
}

/** Pages of the app a lesson may link to, besides the courses and their lessons. */
const APP_PAGES = ['/', '/courses', '/dashboard', '/review', '/account', '/transcript'];

export interface ScanContext {
	projectRoot: string;
	/** Every course, drafts included, to resolve links to lessons. */
	courses: Course[];
	/** Whether the file being scanned is itself a draft (it may link to other drafts). */
	draft: boolean;
}

/**
 * What breaks a lesson or overview without breaking its compilation: imports of files that do
 * not exist, components used but not imported, images without alt text or that would not be
 * served, components missing what makes them accessible, and links to pages that do not exist.
 */
export function scanMarkup(key: string, text: string, ctx: ScanContext): ScanProblem[] {
	const problems: ScanProblem[] = [];
	const at = (offset: number, message: string) =>
		problems.push({ line: lineAt(text, offset), message });
	const file = join(ctx.projectRoot, key);
	const prose = proseOnly(text);

	const imported = new Set<string>();
	for (const statement of imports(text)) {
		statement.names.forEach((n) => imported.add(n));
		const target = statement.from.startsWith('$lib/')
			? join(ctx.projectRoot, 'src/lib', statement.from.slice('$lib/'.length))
			: statement.from.startsWith('.')
				? join(dirname(file), statement.from.replace(/\?.*$/, ''))
				: undefined;
		if (target && !existsSync(target)) {
			at(statement.offset, `imports ${statement.from}, which does not exist`);
		}
	}

	for (const tag of tags(prose)) {
		if (/^[A-Z]/.test(tag.name) && !imported.has(tag.name.split('.')[0]!)) {
			at(tag.offset, `<${tag.name}> is used but not imported in the <script> block`);
		}
		for (const message of tagProblems(tag)) at(tag.offset, message);
		if (tag.name === 'a') {
			const href = attribute(tag, 'href');
			if (href && href !== '{…}') linkProblem(href, ctx, (m) => at(tag.offset, m));
		}
	}

	for (const link of markdownLinks(prose)) {
		if (!link.image) {
			linkProblem(link.url, ctx, (m) => at(link.offset, m));
			continue;
		}
		if (link.text.trim() === '') {
			at(
				link.offset,
				'image without alt text: describe it between the brackets, ![what it shows](…)'
			);
		}
		imageSourceProblem(link.url, ctx, (m) => at(link.offset, m));
	}
	return problems;
}

function tagProblems(tag: Tag): string[] {
	const missing = (name: string) => {
		const value = attribute(tag, name);
		return value === undefined || value.trim() === '';
	};
	const need = (names: string[], why: string) =>
		names.filter(missing).map((name) => `<${tag.name}> needs ${name}="…" (${why})`);
	switch (tag.name) {
		case 'img':
			return missing('alt') ? ['image without alt text: add alt="what it shows"'] : [];
		case 'Figure':
			return need(['alt', 'caption'], 'the text alternative and the caption everyone reads');
		case 'BodyMap':
			return need(['alt', 'caption', 'width', 'height', 'layers'], 'see docs/authoring.md');
		case 'KnowledgeCheck':
			return need(['question', 'options', 'answer', 'explanation'], 'see docs/authoring.md');
		case 'Media': {
			const problems = need(['title', 'src'], 'what the recording is and where it is');
			if (attribute(tag, 'kind') === 'video' && missing('captions')) {
				problems.push(
					'<Media kind="video"> needs captions={…}: a WebVTT file imported in the script block'
				);
			}
			if (tag.selfClosing) {
				problems.push('<Media> needs a transcript written between <Media …> and </Media>');
			}
			return problems;
		}
		default:
			return [];
	}
}

function imageSourceProblem(src: string, ctx: ScanContext, report: (message: string) => void) {
	if (/^https?:/.test(src)) {
		report(
			'images from other sites are blocked: put the file in the course images/ folder, import it and use <Figure>'
		);
	} else if (src.startsWith('/')) {
		if (!existsSync(join(ctx.projectRoot, 'static', src))) report(`no image ${src} in static/`);
	} else if (!src.startsWith('data:')) {
		report(
			`the build does not serve ${src} from Markdown: import it in the <script> block and show it with <Figure>`
		);
	}
}

function linkProblem(url: string, ctx: ScanContext, report: (message: string) => void) {
	if (/^(https?:|mailto:|tel:|#)/.test(url)) return;
	if (!url.startsWith('/')) {
		report(
			`the link ${url} is relative: link to a lesson by its address, /courses/<course id>/<lesson id>`
		);
		return;
	}
	const path = url.replace(/[?#].*$/, '').replace(/\/$/, '') || '/';
	const [, first, courseId, page, ...rest] = path.split('/');
	if (first !== 'courses' || !courseId) {
		if (APP_PAGES.includes(path) || path.startsWith('/certificates/')) return;
		if (!existsSync(join(ctx.projectRoot, 'static', path))) {
			report(`the link ${url} leads to no page`);
		}
		return;
	}
	const course = ctx.courses.find((c) => c.id === courseId);
	if (!course) return report(`the link ${url} names no course: there is no course "${courseId}"`);
	if (!page || rest.length > 0) {
		if (rest.length > 0) report(`the link ${url} leads to no page`);
		return;
	}
	if (page === 'final-quiz') {
		if (!course.finalQuiz) {
			report(`the link ${url} leads to no page: ${courseId} has no final quiz`);
		}
		return;
	}
	const lesson = course.lessons.find((l) => l.id === page);
	if (!lesson) report(`the link ${url} names no lesson: ${courseId} has no lesson "${page}"`);
	else if (lesson.draft && !ctx.draft) {
		report(`the link ${url} leads to a draft lesson, which the live site does not have`);
	}
}
