import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
	courseFrontmatter,
	duplicates,
	lessonFrontmatter,
	quizFile,
	type CourseFrontmatter,
	type LessonFrontmatter,
	type QuizDefinition
} from './schema';

/** Bad content: the message names the file and the field, so an author knows what to fix. */
export class ContentError extends Error {
	override name = 'ContentError';
}

export interface Quiz extends Omit<QuizDefinition, 'passingGrade'> {
	/** The quiz's own passing grade, else the course's. */
	passingGrade: number;
	/** Hash of the quiz's content: attempts are pinned to the version they were taken on. */
	version: string;
	file: string;
}

export interface Lesson extends LessonFrontmatter {
	courseId: string;
	/** The module key of the compiled lesson, e.g. `/lessons/01-x/02-y.svx`. */
	file: string;
	quiz?: Quiz;
}

export interface Course extends CourseFrontmatter {
	/** The module key of the course overview (`course.md`). */
	file: string;
	lessons: Lesson[];
}

export interface ContentSources {
	/** `/lessons/NN-course/course.md` → its frontmatter. */
	courses: Record<string, unknown>;
	/** `/lessons/NN-course/NN-lesson.svx` → its frontmatter. */
	lessons: Record<string, unknown>;
	/** `/lessons/NN-course/NN-lesson.quiz.yaml` → its text. */
	quizzes: Record<string, string>;
}

const NUMBERED = /^(\d+)-[a-z0-9][a-z0-9-]*$/;

/**
 * Indexes the content once. Order comes from the numbered prefixes of folders and files, identity
 * from the `id` in each file; drafts are kept only when `includeDrafts` (development).
 */
export function buildCatalogue(sources: ContentSources, includeDrafts: boolean): Course[] {
	const courses = Object.entries(sources.courses)
		.map(([file, metadata]) => {
			const folder = numberedName(file, file.split('/').at(-2) ?? '');
			return { folder, file, ...validate(courseFrontmatter, metadata, file) };
		})
		.sort((a, b) => order(a.folder) - order(b.folder));
	assertUnique(courses, 'course');
	assertDistinctOrder(courses.map((c) => ({ name: c.folder, file: c.file })));
	const folders = new Set(courses.map((c) => c.folder));
	for (const file of [...Object.keys(sources.lessons), ...Object.keys(sources.quizzes)]) {
		if (!folders.has(file.split('/').at(-2) ?? '')) {
			throw new ContentError(`${file}: its folder has no course.md describing the course`);
		}
	}

	const catalogue = courses.map(({ folder, ...course }): Course => {
		const lessons = Object.entries(sources.lessons)
			.filter(([file]) => file.split('/').at(-2) === folder)
			.map(([file, metadata]) => ({
				stem: numberedName(file, baseName(file, '.svx')),
				file,
				...validate(lessonFrontmatter, metadata, file)
			}))
			.sort((a, b) => order(a.stem) - order(b.stem))
			.map(({ stem, ...lesson }): Lesson & { stem: string } => ({
				...lesson,
				stem,
				courseId: course.id
			}));
		assertUnique(lessons, 'lesson');
		assertDistinctOrder(lessons.map((l) => ({ name: l.stem, file: l.file })));

		for (const [file, source] of Object.entries(sources.quizzes)) {
			if (file.split('/').at(-2) !== folder) continue;
			const stem = baseName(file, '.quiz.yaml');
			const lesson = lessons.find((l) => l.stem === stem);
			if (!lesson) {
				throw new ContentError(`${file}: no lesson ${stem}.svx beside it to attach this quiz to`);
			}
			lesson.quiz = parseQuiz(file, source, course.passingGrade);
		}
		assertUnique(
			lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])),
			'quiz'
		);

		return {
			...course,
			lessons: lessons.filter((l) => includeDrafts || !l.draft).map(({ stem, ...lesson }) => lesson)
		};
	});
	for (const course of catalogue) {
		if (course.lessons.length === 0) {
			throw new ContentError(`${course.file}: the course has no published lessons`);
		}
	}
	return catalogue;
}

function parseQuiz(file: string, source: string, coursePassingGrade: number): Quiz {
	let data: unknown;
	try {
		data = parseYaml(source);
	} catch (error) {
		throw new ContentError(`${file}: not valid YAML: ${(error as Error).message}`);
	}
	const quiz = validate(quizFile, data, file);
	const version = encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(quiz))));
	return {
		...quiz,
		passingGrade: quiz.passingGrade ?? coursePassingGrade,
		version: version.slice(0, 16),
		file
	};
}

function validate<T extends z.ZodType>(schema: T, data: unknown, file: string): z.output<T> {
	const result = schema.safeParse(data ?? {});
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => {
		const field = issue.path.length ? `field "${issue.path.join('.')}"` : 'frontmatter';
		return `${field} ${issue.message}`;
	});
	throw new ContentError(`${file}: ${problems.join('; ')}`);
}

function assertUnique(items: { id: string; file: string }[], kind: string): void {
	for (const id of duplicates(items.map((i) => i.id))) {
		const files = items.filter((i) => i.id === id).map((i) => i.file);
		throw new ContentError(`${files.join(' and ')}: duplicate ${kind} id "${id}" (field "id")`);
	}
}

/** Two files with the same number would have no defined order between them. */
function assertDistinctOrder(items: { name: string; file: string }[]): void {
	const byOrder = new Map<number, string>();
	for (const { name, file } of items) {
		const other = byOrder.get(order(name));
		if (other) throw new ContentError(`${other} and ${file}: both are numbered ${order(name)}`);
		byOrder.set(order(name), file);
	}
}

function numberedName(file: string, name: string): string {
	if (!NUMBERED.test(name)) {
		throw new ContentError(
			`${file}: "${name}" must start with a number and a dash (e.g. 01-${name}) to set its order`
		);
	}
	return name;
}

function order(name: string): number {
	return Number(NUMBERED.exec(name)?.[1]);
}

function baseName(file: string, extension: string): string {
	return (file.split('/').at(-1) ?? '').slice(0, -extension.length);
}
