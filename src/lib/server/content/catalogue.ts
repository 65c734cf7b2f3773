import { ContentError, ProblemList, type Problem } from './problems';
import type { QuizDefinition } from './quiz-schema';
import {
	checkPrerequisites,
	Context,
	distinctOrder,
	readCourse,
	type CourseFiles
} from './read-course';
import type { LessonFrontmatter, ModuleFrontmatter, CourseFrontmatter } from './schema';

export { ContentError } from './problems';
export { RESERVED_LESSON_IDS } from './read-course';
export { allQuestions } from './quiz-schema';
export { parseStoredDefinition, quizVersion, versionOf } from './quiz-version';

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

const FINAL_QUIZ = 'final.quiz.yaml';

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
