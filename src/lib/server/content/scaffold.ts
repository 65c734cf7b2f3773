import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { stringify } from 'yaml';
import { indexContent } from './catalogue';
import { readContentFolder } from './check/read';
import { parseYaml, splitFrontmatter } from './yaml';

/** Input a person must fix: printed as is, exit code 2. */
export class ScaffoldError extends Error {}

/** A title as a file and id slug: `Trigger Points & Referral` → `trigger-points-referral`. */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 50)
		.replace(/-+$/, '');
	return /^[a-z]/.test(slug) ? slug : `lesson-${slug || 'new'}`;
}

/** The number after the highest `NN-` among the names, zero-padded to two digits. */
export function nextNumber(names: string[]): string {
	const numbers = names.map((n) => /^(\d+)-/.exec(n)?.[1]).filter((n) => n !== undefined);
	const next = Math.max(0, ...numbers.map(Number)) + 1;
	return String(next).padStart(2, '0');
}

/** `base`, or `base-2`, `base-3`… whichever the course does not use yet. */
export function freshId(base: string, taken: ReadonlySet<string>): string {
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export interface Scaffolded {
	created: string[];
	lessonId: string;
	courseId: string | undefined;
}

/**
 * `npm run new:lesson`: a draft lesson (and its quiz) in a module folder, numbered after the
 * last lesson there, with an id no other lesson of the course has. A module folder that does not
 * exist yet is created, with its module.md, when its parent is a course folder.
 */
export function scaffoldLesson(options: {
	moduleDir: string;
	title: string;
	quiz: boolean;
	projectRoot?: string;
}): Scaffolded {
	const projectRoot = options.projectRoot ?? process.cwd();
	const moduleDir = join(projectRoot, options.moduleDir);
	const courseDir = dirname(moduleDir);
	const title = options.title.trim();
	if (title === '') throw new ScaffoldError('Give the lesson a title, in quotes.');
	if (!existsSync(join(courseDir, 'course.md'))) {
		throw new ScaffoldError(
			`${options.moduleDir} is not a module folder: give a folder inside a course folder (one with a course.md), such as lessons/01-foundations-of-medical-massage/02-safety-and-practice`
		);
	}

	const created: string[] = [];
	const write = (file: string, text: string) => {
		writeFileSync(file, text, { flag: 'wx' });
		created.push(relative(projectRoot, file));
	};
	const moduleName = basename(moduleDir);
	if (!existsSync(join(moduleDir, 'module.md'))) {
		if (!/^\d+-[a-z0-9][a-z0-9-]*$/.test(moduleName)) {
			throw new ScaffoldError(
				`A module folder is named with a number and a dash, such as 03-${slugify(moduleName)}`
			);
		}
		mkdirSync(moduleDir, { recursive: true });
		const words = moduleName.replace(/^\d+-/, '').replace(/-/g, ' ');
		write(
			join(moduleDir, 'module.md'),
			`---\n${stringify({ id: moduleName.replace(/^\d+-/, ''), title: words[0]!.toUpperCase() + words.slice(1) })}---\n`
		);
	}

	// The ids in use come from the course as the app indexes it, drafts included.
	const courseRoot = relative(projectRoot, dirname(courseDir));
	const { courses } = indexContent(readContentFolder(courseRoot, projectRoot).sources, true);
	const courseKey = `/${relative(projectRoot, join(courseDir, 'course.md'))}`;
	const course = courses.find((c) => c.file === courseKey);
	// A course with no lesson yet is not in the index: its id is read from course.md itself.
	const courseId = course?.id ?? courseIdOf(join(courseDir, 'course.md'));
	const taken = new Set([
		...(course?.lessons.map((l) => l.id) ?? []),
		...(course?.modules.map((m) => m.id) ?? [])
	]);
	const lessonId = freshId(slugify(title), taken);
	const stem = `${nextNumber(readdirSync(moduleDir).filter((f) => f.endsWith('.svx')))}-${slugify(title)}`;

	write(join(moduleDir, `${stem}.svx`), lessonTemplate(lessonId, title));
	if (options.quiz) write(join(moduleDir, `${stem}.quiz.yaml`), quizTemplate(lessonId, title));
	return { created, lessonId, courseId };
}

function courseIdOf(file: string): string | undefined {
	const parts = splitFrontmatter(readFileSync(file, 'utf8'));
	const id = parts ? (parseYaml(parts.yaml).data as { id?: unknown } | null)?.id : undefined;
	return typeof id === 'string' ? id : undefined;
}

function lessonTemplate(id: string, title: string): string {
	const frontmatter = stringify({
		id,
		title,
		summary: 'One sentence on what this lesson teaches.',
		minutes: 10,
		objectives: ['What a student can do after this lesson.'],
		references: [],
		draft: true
	});
	return `---
${frontmatter}---

<script>
	import Callout from '$lib/components/lesson/Callout.svelte';
</script>

## A first heading

Write the lesson here in Markdown. Remove \`draft: true\` above when it is ready to publish.

<Callout kind="note" title="A note">

Callouts take Markdown too. The kinds are note, caution, contraindication, red-flag and example.

</Callout>
`;
}

function quizTemplate(lessonId: string, title: string): string {
	return stringify({
		id: `${lessonId}-quiz`,
		title: `${title}: check yourself`,
		questions: [
			{
				id: `${lessonId}-first-question`,
				type: 'single',
				prompt: 'Replace this with your question.',
				options: [
					{ id: `${lessonId}-first-right`, text: 'The right answer', correct: true },
					{ id: `${lessonId}-first-wrong`, text: 'A plausible wrong answer' }
				],
				explanation: 'Why the right answer is right, shown after the student submits.'
			}
		]
	});
}
