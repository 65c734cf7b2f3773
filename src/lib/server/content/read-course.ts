import { displayPath, type ProblemList } from './problems';
import { duplicateIds, missingImages } from './quiz-raw';
import { quizFile } from './quiz-schema';
import { quizVersion } from './quiz-version';
import {
	courseFrontmatter,
	duplicates,
	lessonFrontmatter,
	moduleFrontmatter,
	type CourseFrontmatter
} from './schema';
import { validate } from './validate';
import {
	parseYaml,
	splitFrontmatter,
	YamlSyntaxError,
	type FieldPath,
	type YamlSource
} from './yaml';
import type { ContentSources, Course, Lesson, Module, Quiz } from './catalogue';

// Reading one course folder into the catalogue's shape, reporting every problem on its line.

/** A course's files, sorted by where they sit (see `classify` in catalogue.ts). */
export interface CourseFiles {
	course?: string;
	finalQuiz?: string;
	modules: Map<string, ModuleFiles>;
}
export interface ModuleFiles {
	module?: string;
	lessons: { key: string; stem: string }[];
	quizzes: { key: string; stem: string }[];
}

/** URL segments the app uses beside lesson ids under /courses/<course>/. */
export const RESERVED_LESSON_IDS = ['final-quiz', 'evaluation'];
const NUMBERED = /^(\d+)-[a-z0-9][a-z0-9-]*$/;

/** What every reader needs: the files, where problems go, and each file's parsed YAML. */
export class Context {
	private readonly parsed = new Map<string, YamlSource>();

	constructor(
		readonly sources: ContentSources,
		readonly problems: ProblemList,
		readonly includeDrafts: boolean
	) {}

	/** The frontmatter of a course.md, module.md or lesson, parsed and remembered. */
	frontmatter(key: string): YamlSource | undefined {
		const parts = splitFrontmatter(this.sources.files[key] ?? '');
		if (!parts) {
			this.problems.add(
				key,
				1,
				'the file must start with frontmatter: a line ---, the fields, and another ---'
			);
			return undefined;
		}
		return this.yaml(key, parts.yaml, 2);
	}

	yaml(key: string, text = this.sources.files[key] ?? '', firstLine = 1): YamlSource | undefined {
		try {
			const source = parseYaml(text, firstLine);
			this.parsed.set(key, source);
			return source;
		} catch (error) {
			if (!(error instanceof YamlSyntaxError)) throw error;
			this.problems.add(key, error.line, `not valid YAML: ${error.message}`);
			return undefined;
		}
	}

	/** The line of a field in a file read earlier (1 when unknown). */
	line(key: string, path: FieldPath): number {
		return this.parsed.get(key)?.lineOf(path) ?? 1;
	}

	uniqueIds(items: { id: string; file: string }[], kind: string): void {
		for (const id of duplicates(items.map((i) => i.id))) {
			const [first, ...others] = items.filter((i) => i.id === id).map((i) => i.file);
			for (const file of others) {
				this.problems.add(
					file,
					this.line(file, ['id']),
					`duplicate ${kind} id "${id}": ${displayPath(first!)} has it too`
				);
			}
		}
	}
}

export function readCourse(
	ctx: Context,
	folder: string,
	files: CourseFiles & { course: string }
): (Course & { order: number }) | undefined {
	const { sources, problems } = ctx;
	const order = numberOf(files.course, folder, problems);
	const frontmatter = ctx.frontmatter(files.course);
	const valid = frontmatter && validate(courseFrontmatter, frontmatter, files.course, problems);
	// A course with bad frontmatter is left out, but its lessons and quizzes are still checked.
	const data = valid ?? standIn(frontmatter?.data, folder);

	const prefix = `${sources.root}/${folder}/`;
	const images = Object.fromEntries(
		Object.entries(sources.images)
			.filter(([key]) => key.startsWith(prefix))
			.map(([key, url]) => [key.slice(prefix.length), url])
	);

	const modules: (Module & { order: number })[] = [];
	for (const [moduleFolder, moduleFiles] of files.modules) {
		const module = readModule(ctx, data, moduleFolder, moduleFiles, images);
		if (module) modules.push(module);
	}
	modules.sort((a, b) => a.order - b.order);
	distinctOrder(modules, problems);
	ctx.uniqueIds(modules, 'module');

	const lessons = modules.flatMap((m) => m.lessons);
	ctx.uniqueIds(lessons, 'lesson');
	const finalQuiz = files.finalQuiz
		? readQuiz(ctx, files.finalQuiz, data, null, images)
		: undefined;
	ctx.uniqueIds(
		[...lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])), ...(finalQuiz ? [finalQuiz] : [])],
		'quiz'
	);

	if (!valid) return undefined;
	const visible = (lesson: Lesson) => ctx.includeDrafts || !lesson.draft;
	const published = modules
		.map(({ order: _, ...m }) => ({ ...m, lessons: m.lessons.filter(visible) }))
		.filter((m) => m.lessons.length > 0);
	return {
		...data,
		order: order ?? 0,
		file: files.course,
		modules: published,
		lessons: published.flatMap((m) => m.lessons),
		finalQuiz,
		images
	};
}

/** What a course's lessons need to be checked when its own frontmatter is not valid. */
function standIn(data: unknown, folder: string): CourseFrontmatter {
	const fields = (data ?? {}) as Partial<Record<keyof CourseFrontmatter, unknown>>;
	return courseFrontmatter.parse({
		id: typeof fields.id === 'string' && /^[a-z]/.test(fields.id) ? fields.id : 'x',
		title: folder,
		summary: folder,
		ceHours: 1,
		courseType: 'Home Study',
		passingGrade: 80
	});
}

function readModule(
	ctx: Context,
	course: CourseFrontmatter,
	folder: string,
	files: ModuleFiles,
	images: Record<string, string>
): (Module & { order: number }) | undefined {
	const { problems } = ctx;
	const where = files.module ?? files.lessons[0]?.key ?? files.quizzes[0]?.key ?? folder;
	const order = numberOf(where, folder, problems);
	if (!files.module) {
		problems.add(where, 1, `the module folder ${folder}/ has no module.md`);
		return undefined;
	}
	const frontmatter = ctx.frontmatter(files.module);
	const valid = frontmatter && validate(moduleFrontmatter, frontmatter, files.module, problems);
	const data = valid ?? { id: folder, title: folder };
	if (files.lessons.length === 0) {
		problems.add(files.module, 1, 'the module has no lessons (NN-name.svx files beside module.md)');
	}

	const lessons: (Lesson & { order: number; stem: string })[] = [];
	for (const { key, stem } of files.lessons) {
		const lessonOrder = numberOf(key, stem, problems);
		const source = ctx.frontmatter(key);
		const lesson = source && validate(lessonFrontmatter, source, key, problems);
		if (!lesson) continue;
		if (RESERVED_LESSON_IDS.includes(lesson.id)) {
			problems.add(
				key,
				source.lineOf(['id']),
				`"id" cannot be ${lesson.id}: the app uses /courses/<course>/${lesson.id} for something else`
			);
		}
		lessons.push({
			...lesson,
			order: lessonOrder ?? 0,
			stem,
			courseId: course.id,
			moduleId: data.id,
			file: key
		});
	}
	lessons.sort((a, b) => a.order - b.order);
	distinctOrder(lessons, problems);

	for (const { key, stem } of files.quizzes) {
		const lesson = lessons.find((l) => l.stem === stem);
		const quiz = readQuiz(ctx, key, course, lesson?.id ?? null, images);
		if (!lesson) problems.add(key, 1, `no lesson ${stem}.svx beside it to attach this quiz to`);
		else if (quiz) lesson.quiz = quiz;
	}

	if (!valid) return undefined;
	return {
		...data,
		order: order ?? 0,
		courseId: course.id,
		file: files.module,
		lessons: lessons.map(({ order: _, stem: __, ...lesson }) => lesson)
	};
}

function readQuiz(
	ctx: Context,
	key: string,
	course: CourseFrontmatter,
	lessonId: string | null,
	images: Record<string, string>
): Quiz | undefined {
	const source = ctx.yaml(key);
	if (!source) return undefined;
	const raw = [...duplicateIds(source.data), ...missingImages(source.data, images)];
	for (const { path, message } of raw) ctx.problems.add(key, source.lineOf(path), message);
	const definition = validate(quizFile, source, key, ctx.problems);
	if (!definition || raw.length > 0) return undefined;
	return {
		...definition,
		passingGrade: definition.passingGrade ?? course.passingGrade,
		version: quizVersion(definition),
		definition,
		file: key,
		courseId: course.id,
		lessonId
	};
}

function numberOf(key: string, name: string, problems: ProblemList): number | undefined {
	const match = NUMBERED.exec(name);
	if (!match) {
		problems.add(
			key,
			1,
			`"${name}" must start with a number and a dash (e.g. 01-${name}) to set its order, in lower case`
		);
		return undefined;
	}
	return Number(match[1]);
}

/** Two entries with the same number would have no defined order between them. */
export function distinctOrder(items: { order: number; file: string }[], problems: ProblemList) {
	const byOrder = new Map<number, string>();
	for (const { order, file } of items) {
		const other = byOrder.get(order);
		if (other) {
			problems.add(file, 1, `numbered ${order} like ${displayPath(other)}: the order is unclear`);
		}
		byOrder.set(order, file);
	}
}

export function checkPrerequisites(ctx: Context, courses: Course[]) {
	const byId = new Map(courses.map((c) => [c.id, c]));
	for (const course of courses) {
		course.prerequisites.forEach((id, index) => {
			const line = ctx.line(course.file, ['prerequisites', index]);
			if (id === course.id) {
				ctx.problems.add(course.file, line, '"prerequisites" lists the course itself');
			} else if (!byId.has(id)) {
				ctx.problems.add(course.file, line, `"prerequisites": no course has the id "${id}"`);
			}
		});
	}
	// A cycle would lock every course in it for ever.
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (course: Course, trail: string[]): void => {
		if (state.get(course.id) === 'done') return;
		if (state.get(course.id) === 'visiting') {
			const circle = [...trail.slice(trail.indexOf(course.id)), course.id].join(' → ');
			ctx.problems.add(
				course.file,
				ctx.line(course.file, ['prerequisites']),
				`"prerequisites" go round in a circle: ${circle}`
			);
			return;
		}
		state.set(course.id, 'visiting');
		for (const id of course.prerequisites) {
			const next = byId.get(id);
			if (next && next !== course) visit(next, [...trail, course.id]);
		}
		state.set(course.id, 'done');
	};
	for (const course of courses) visit(course, []);
}
