import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { ContentError, displayPath, ProblemList, type Problem } from './problems';
import { duplicateIds, missingImages } from './quiz-raw';
import { allQuestions, quizFile, type QuizDefinition } from './quiz-schema';
import {
	courseFrontmatter,
	duplicates,
	lessonFrontmatter,
	moduleFrontmatter,
	type CourseFrontmatter,
	type LessonFrontmatter,
	type ModuleFrontmatter
} from './schema';
import { validate } from './validate';
import {
	parseYaml,
	splitFrontmatter,
	YamlSyntaxError,
	type FieldPath,
	type YamlSource
} from './yaml';

export { ContentError } from './problems';

export interface Quiz extends Omit<QuizDefinition, 'passingGrade'> {
	/** The quiz's own passing grade, else the course's. */
	passingGrade: number;
	/** Hash of the definition: attempts are pinned to the version they were taken on. */
	version: string;
	/** The content the version is the hash of, stored with attempts (quiz_version). */
	definition: QuizDefinition;
	file: string;
	courseId: string;
	/** The lesson whose quiz this is, or null for the course's final quiz. */
	lessonId: string | null;
}

export interface Lesson extends LessonFrontmatter {
	courseId: string;
	moduleId: string;
	/** The module key of the lesson, e.g. `/lessons/01-x/01-m/02-y.svx`. */
	file: string;
	quiz?: Quiz;
}

export interface Module extends ModuleFrontmatter {
	courseId: string;
	/** The module key of its `module.md`. */
	file: string;
	lessons: Lesson[];
}

export interface Course extends CourseFrontmatter {
	/** The module key of the course overview (`course.md`). */
	file: string;
	modules: Module[];
	/** Every lesson of every module, in order. */
	lessons: Lesson[];
	finalQuiz?: Quiz;
	/** The course's `images/` folder: path relative to the course folder → URL. */
	images: Record<string, string>;
}

export interface ContentSources {
	/** The folder holding the courses, as a module key prefix: `/lessons`. */
	root: string;
	/** Every course.md, module.md, lesson (.svx) and quiz (.quiz.yaml): key → text. */
	files: Record<string, string>;
	/** Every image under a course's images/ folder: key → the URL the browser loads. */
	images: Record<string, string>;
}

/** URL segments the app uses beside lesson ids under /courses/<course>/. */
export const RESERVED_LESSON_IDS = ['final-quiz', 'evaluation'];
const FINAL_QUIZ = 'final.quiz.yaml';
const NUMBERED = /^(\d+)-[a-z0-9][a-z0-9-]*$/;

/** Builds the catalogue, or throws a ContentError listing every problem found. */
export function buildCatalogue(sources: ContentSources, includeDrafts: boolean): Course[] {
	const { courses, problems } = indexContent(sources, includeDrafts);
	if (problems.length > 0) throw new ContentError(problems);
	return courses;
}

/**
 * Indexes the content: order comes from the numbered prefixes of folders and files, identity
 * from the `id` in each file. Bad files are reported and left out, so one run finds every
 * problem. Drafts are kept only when `includeDrafts` (development), but always validated.
 */
export function indexContent(
	sources: ContentSources,
	includeDrafts: boolean
): { courses: Course[]; problems: Problem[] } {
	const problems = new ProblemList();
	const ctx = new Context(sources, problems, includeDrafts);
	const tree = classify(sources, problems);

	const courses: (Course & { order: number })[] = [];
	for (const [folder, files] of tree) {
		if (!files.course) {
			problems.add(`${sources.root}/${folder}/course.md`, 1, 'this course folder has no course.md');
			continue;
		}
		const course = readCourse(ctx, folder, { ...files, course: files.course });
		if (course) courses.push(course);
	}
	ctx.uniqueIds(courses, 'course');
	distinctOrder(courses, problems);
	checkPrerequisites(ctx, courses);

	const published = courses
		.sort((a, b) => a.order - b.order)
		.map(({ order: _, ...course }) => course)
		// A course whose lessons are all drafts is itself a draft.
		.filter((c) => c.lessons.length > 0);
	return { courses: published, problems: problems.sorted() };
}

interface ModuleFiles {
	module?: string;
	lessons: { key: string; stem: string }[];
	quizzes: { key: string; stem: string }[];
}
interface CourseFiles {
	course?: string;
	finalQuiz?: string;
	modules: Map<string, ModuleFiles>;
}

/** Sorts every file into its course and module by where it sits, reporting misplaced ones. */
function classify(sources: ContentSources, problems: ProblemList): Map<string, CourseFiles> {
	const tree = new Map<string, CourseFiles>();
	const courseOf = (folder: string) => {
		let files = tree.get(folder);
		if (!files) tree.set(folder, (files = { modules: new Map() }));
		return files;
	};
	const moduleOf = (course: string, folder: string) => {
		const modules = courseOf(course).modules;
		let files = modules.get(folder);
		if (!files) modules.set(folder, (files = { lessons: [], quizzes: [] }));
		return files;
	};

	for (const key of Object.keys(sources.files).sort()) {
		const parts = key.slice(sources.root.length + 1).split('/');
		const [course, second, third] = parts;
		const name = parts.at(-1) ?? '';
		if (parts.length === 2 && name === 'course.md') courseOf(course!).course = key;
		else if (parts.length === 2 && name === FINAL_QUIZ) courseOf(course!).finalQuiz = key;
		else if (parts.length === 3 && name === 'module.md') moduleOf(course!, second!).module = key;
		else if (parts.length === 3 && name.endsWith('.svx')) {
			moduleOf(course!, second!).lessons.push({ key, stem: name.slice(0, -'.svx'.length) });
		} else if (parts.length === 3 && name.endsWith('.quiz.yaml') && name !== FINAL_QUIZ) {
			moduleOf(course!, second!).quizzes.push({ key, stem: name.slice(0, -'.quiz.yaml'.length) });
		} else {
			problems.add(key, 1, misplaced(parts, third));
		}
	}
	return tree;
}

function misplaced(parts: string[], third: string | undefined): string {
	const name = parts.at(-1) ?? '';
	if (name.endsWith('.svx') && parts.length === 2) {
		return 'lessons live in module folders: move it into a numbered module folder (with a module.md) inside the course folder';
	}
	if (name.endsWith('.quiz.yaml') && parts.length === 2) {
		return `a course's final quiz must be named ${FINAL_QUIZ}; a lesson's quiz goes beside its lesson in the module folder`;
	}
	if (name === 'course.md') return 'course.md belongs directly in the course folder';
	if (name === 'module.md') return 'module.md belongs directly in a module folder of a course';
	return third === undefined
		? 'content belongs in a course folder: lessons/<NN-course>/<NN-module>/'
		: 'too deep: lessons go directly in a module folder, lessons/<NN-course>/<NN-module>/';
}

/** What every reader needs: the files, where problems go, and each file's parsed YAML. */
class Context {
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

function readCourse(
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

/** The first 16 hex digits of the SHA-256 of the quiz as validated: formatting never counts. */
export function quizVersion(definition: QuizDefinition): string {
	return versionOf(JSON.stringify(definition));
}

/** The version of a quiz definition serialized as JSON (as `quiz_version` stores it). */
export function versionOf(json: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(json))).slice(0, 16);
}

/** Validates a stored quiz definition (an old version), or undefined when it no longer parses. */
export function parseStoredDefinition(json: string): QuizDefinition | undefined {
	try {
		const result = quizFile.safeParse(JSON.parse(json));
		return result.success ? result.data : undefined;
	} catch {
		return undefined;
	}
}

export { allQuestions };

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
function distinctOrder(items: { order: number; file: string }[], problems: ProblemList) {
	const byOrder = new Map<number, string>();
	for (const { order, file } of items) {
		const other = byOrder.get(order);
		if (other) {
			problems.add(file, 1, `numbered ${order} like ${displayPath(other)}: the order is unclear`);
		}
		byOrder.set(order, file);
	}
}

function checkPrerequisites(ctx: Context, courses: Course[]) {
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
