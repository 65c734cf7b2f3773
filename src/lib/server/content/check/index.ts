import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allQuestions, indexContent, type Course, type Quiz } from '../catalogue';
import { displayPath, type Problem } from '../problems';
import { parseYaml, splitFrontmatter } from '../yaml';
import { compileProblems } from './compile';
import { imageSize } from './image-size';
import { readContentFolder } from './read';
import { scanMarkup } from './scan';
import { lessonWords, quizWords } from './words';

/** NCBTMB's home-study rule: 12,000 words read, or 60 minutes of video or audio, per CE hour. */
export const WORDS_PER_CE_HOUR = 12_000;
export const MEDIA_MINUTES_PER_CE_HOUR = 60;

export interface CourseReport {
	id: string;
	file: string;
	modules: number;
	lessons: number;
	optional: number;
	drafts: number;
	quizzes: number;
	questions: number;
	/** Words read in required, published lessons and quizzes. */
	words: number;
	mediaMinutes: number;
	supportedHours: number;
	declaredHours: number;
}

/**
 * `npm run lessons:check`: indexes the content folder exactly as the app does, then checks
 * what only a build or a student would otherwise find: lessons that do not compile, missing
 * files, images without alt text, broken links, hotspot images of another size than the quiz
 * says, and CE hours the content cannot support.
 */
export async function checkContent(
	root: string,
	projectRoot = process.cwd()
): Promise<{ problems: Problem[]; courses: CourseReport[] }> {
	const { sources, ignored } = readContentFolder(root, projectRoot);
	const index = indexContent(sources, true);
	const problems: Problem[] = [...index.problems];
	const add = (key: string, line: number, message: string) =>
		problems.push({ file: displayPath(key), line, message });

	for (const key of ignored) add(key, 1, 'quiz files end in .quiz.yaml; the app ignores .quiz.yml');

	const drafts = new Set(
		index.courses.flatMap((c) => c.lessons.filter((l) => l.draft).map((l) => l.file))
	);
	for (const [key, text] of Object.entries(sources.files)) {
		if (key.endsWith('.quiz.yaml')) continue;
		for (const p of await compileProblems(text, key)) {
			// Images without alt text are reported by the scan below, with a way to fix them.
			if (!p.message.includes('`<img>` element should have an alt attribute')) {
				add(key, p.line, p.message);
			}
		}
		const scan = scanMarkup(key, text, {
			projectRoot,
			courses: index.courses,
			draft: drafts.has(key)
		});
		for (const p of scan) add(key, p.line, p.message);
	}

	for (const course of index.courses) {
		for (const quiz of quizzesOf(course)) hotspotSizes(quiz, projectRoot, course, add);
	}

	const courses = index.courses.map((course) => report(course, sources.files));
	for (const c of courses) {
		// A course still all in drafts is not published: its hours are checked once it is.
		if (c.lessons > 0 && c.declaredHours > c.supportedHours + 1e-9) {
			const text = sources.files[c.file] ?? '';
			const frontmatter = splitFrontmatter(text);
			const line = frontmatter ? parseYaml(frontmatter.yaml, 2).lineOf(['ceHours']) : 1;
			add(
				c.file,
				line,
				`"ceHours" is ${c.declaredHours}, but the content supports ${c.supportedHours.toFixed(2)} CE hours ` +
					`(${c.words.toLocaleString('en-US')} words at ${WORDS_PER_CE_HOUR.toLocaleString('en-US')} an hour, ` +
					`${c.mediaMinutes} minutes of video or audio at ${MEDIA_MINUTES_PER_CE_HOUR} an hour): ` +
					'add content or lower ceHours'
			);
		}
	}

	problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
	return { problems: dedupe(problems), courses };
}

function quizzesOf(course: Course): Quiz[] {
	return [
		...course.lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])),
		...(course.finalQuiz ? [course.finalQuiz] : [])
	];
}

/** A hotspot's width and height must be the image's, or clicks land somewhere else. */
function hotspotSizes(
	quiz: Quiz,
	projectRoot: string,
	course: Course,
	add: (key: string, line: number, message: string) => void
) {
	const folder = course.file.slice(0, course.file.lastIndexOf('/'));
	let source: ReturnType<typeof parseYaml> | undefined;
	quiz.questions.forEach((item, i) => {
		const questions = item.type === 'case' ? item.questions : [item];
		questions.forEach((q, j) => {
			if (q.type !== 'hotspot') return;
			const key = `${folder}/${q.image}`;
			const size = imageSize(key, readFileSync(join(projectRoot, key)));
			if (!size || (size.width === q.width && size.height === q.height)) return;
			source ??= parseYaml(readFileSync(join(projectRoot, quiz.file), 'utf8'));
			const path = item.type === 'case' ? ['questions', i, 'questions', j] : ['questions', i];
			add(
				quiz.file,
				source.lineOf([...path, 'width']),
				`the image ${q.image} is ${size.width} × ${size.height}, but the question says ${q.width} × ${q.height}: polygons would not fit the picture`
			);
		});
	});
}

function report(course: Course, files: Record<string, string>): CourseReport {
	const published = course.lessons.filter((l) => !l.draft);
	const required = published.filter((l) => l.required);
	const requiredQuizzes = [
		...required.flatMap((l) => (l.quiz ? [l.quiz] : [])),
		...(course.finalQuiz ? [course.finalQuiz] : [])
	];
	const words =
		required.reduce((sum, l) => sum + lessonWords(files[l.file] ?? ''), 0) +
		requiredQuizzes.reduce((sum, q) => sum + quizWords(q.definition), 0);
	const mediaMinutes = required.reduce((sum, l) => sum + l.mediaMinutes, 0);
	const quizzes = quizzesOf({ ...course, lessons: published });
	return {
		id: course.id,
		file: course.file,
		modules: course.modules.length,
		lessons: published.length,
		optional: published.length - required.length,
		drafts: course.lessons.length - published.length,
		quizzes: quizzes.length,
		questions: quizzes.reduce((sum, q) => sum + allQuestions(q).length, 0),
		words,
		mediaMinutes,
		supportedHours: words / WORDS_PER_CE_HOUR + mediaMinutes / MEDIA_MINUTES_PER_CE_HOUR,
		declaredHours: course.ceHours
	};
}

function dedupe(problems: Problem[]): Problem[] {
	const seen = new Set<string>();
	return problems.filter((p) => {
		const key = `${p.file}:${p.line}:${p.message}`;
		return !seen.has(key) && !!seen.add(key);
	});
}
