import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildCatalogue, ContentError, indexContent } from './catalogue';
import { listCourses } from './index';
import { allQuestions } from './quiz-schema';
import {
	contentSources,
	course,
	everyTypeQuiz,
	lesson,
	markdown,
	testCourse,
	testQuiz
} from './test-content';

/** The problems of content with these files changed, as `file:line: message` lines. */
function problems(files: Record<string, string | undefined>, includeDrafts = false): string[] {
	return indexContent(contentSources(files), includeDrafts).problems.map(
		(p) => `${p.file}:${p.line}: ${p.message}`
	);
}

function quizProblems(quiz: object): string[] {
	return problems({ '01-c/01-m/01-a.quiz.yaml': stringify(quiz) });
}

describe('the course structure', () => {
	it('orders modules and lessons by the numbers of their folders and files', () => {
		const built = testCourse({
			'01-c/10-late/module.md': markdown({ id: 'late', title: 'Late' }),
			'01-c/10-late/01-x.svx': lesson('late-lesson'),
			'01-c/9-early/module.md': markdown({ id: 'early', title: 'Early' }),
			'01-c/9-early/10-z.svx': lesson('early-ten'),
			'01-c/9-early/2-y.svx': lesson('early-two')
		});

		expect(built.modules.map((m) => m.id)).toEqual(['module-m', 'early', 'late']);
		expect(built.lessons.map((l) => l.id)).toEqual([
			'lesson-a',
			'lesson-b',
			'early-two',
			'early-ten',
			'late-lesson'
		]);
		expect(built.lessons[2]).toMatchObject({
			moduleId: 'early',
			courseId: 'course-c',
			file: '/lessons/01-c/9-early/2-y.svx'
		});
	});

	it('orders courses by the numbers of their folders', () => {
		const { courses } = indexContent(
			contentSources({
				'10-third/course.md': markdown({ ...course, id: 'third-course' }),
				'10-third/01-m/module.md': markdown({ id: 'm', title: 'M' }),
				'10-third/01-m/01-a.svx': lesson('third-lesson'),
				'9-second/course.md': markdown({ ...course, id: 'second-course' }),
				'9-second/01-m/module.md': markdown({ id: 'm', title: 'M' }),
				'9-second/01-m/01-a.svx': lesson('second-lesson')
			}),
			false
		);

		expect(courses.map((c) => c.id)).toEqual(['course-c', 'second-course', 'third-course']);
	});

	it("attaches a lesson's quiz and the course's final quiz", () => {
		const built = testCourse({
			'01-c/final.quiz.yaml': stringify({ ...everyTypeQuiz(), id: 'final-one', title: 'Final' })
		});

		expect(built.lessons[0]?.quiz).toMatchObject({ id: 'every-type', lessonId: 'lesson-a' });
		expect(built.lessons[1]?.quiz).toBeUndefined();
		expect(built.finalQuiz).toMatchObject({
			id: 'final-one',
			lessonId: null,
			courseId: 'course-c',
			file: '/lessons/01-c/final.quiz.yaml'
		});
	});

	it('fills the defaults of the frontmatter', () => {
		const built = testCourse();

		expect(built).toMatchObject({
			objectives: [],
			prerequisites: [],
			instructors: [],
			ncbtmbApprovalNumber: null,
			floridaProgramNumber: null
		});
		expect(built.lessons[0]).toMatchObject({ required: true, draft: false, mediaMinutes: 0 });
	});

	it('leaves drafts out unless drafts are included, and a course of drafts altogether', () => {
		const files = { '01-c/01-m/02-b.svx': lesson('lesson-b', { draft: true }) };
		const published = buildCatalogue(contentSources(files), false)[0]?.lessons.map((l) => l.id);
		const preview = buildCatalogue(contentSources(files), true)[0]?.lessons.map((l) => l.id);
		const allDrafts = indexContent(
			contentSources({ ...files, '01-c/01-m/01-a.svx': lesson('lesson-a', { draft: true }) }),
			false
		);

		expect(published).toEqual(['lesson-a']);
		expect(preview).toEqual(['lesson-a', 'lesson-b']);
		expect(allDrafts).toEqual({ courses: [], problems: [] });
	});

	it("gives a quiz the course's passing grade unless it sets its own", () => {
		expect(testQuiz().quiz.passingGrade).toBe(75);
		expect(testQuiz({ passingGrade: 90 }).quiz.passingGrade).toBe(90);
	});

	it('changes the quiz version when its content changes, and only then', () => {
		const original = testQuiz().quiz.version;
		const reformatted = testCourse({
			'01-c/01-m/01-a.quiz.yaml': `# A comment\n${stringify(everyTypeQuiz(), { indent: 4 })}\n\n`
		}).lessons[0]?.quiz?.version;
		const edited = testQuiz({ title: 'Every type, edited' }).quiz.version;

		expect(original).toMatch(/^[0-9a-f]{16}$/);
		expect(testQuiz().quiz.version).toBe(original);
		expect(reformatted).toBe(original);
		expect(edited).not.toBe(original);
	});

	it('throws one ContentError listing every problem, each with file and line', () => {
		const build = () =>
			buildCatalogue(
				contentSources({
					'01-c/01-m/01-a.svx': lesson('lesson-a', { minutes: 'ten' }),
					'01-c/01-m/02-b.svx': lesson('Lesson-B')
				}),
				false
			);

		expect(build).toThrow(ContentError);
		expect(build).toThrow(/lessons\/01-c\/01-m\/01-a\.svx:4: "minutes" must be a number/);
		expect(build).toThrow(/lessons\/01-c\/01-m\/02-b\.svx:2: "id" must be lower-case/);
	});
});

describe('problems in courses, modules and lessons', () => {
	it('names a missing id, an unknown field and a YAML misreading, each on its line', () => {
		expect(problems({ '01-c/01-m/02-b.svx': markdown({ title: 'No id', minutes: 5 }) })).toEqual([
			'lessons/01-c/01-m/02-b.svx:2: "id" is missing'
		]);
		expect(
			problems({ '01-c/01-m/02-b.svx': markdown({ id: 'b', title: 'B', minutes: 5, sumary: 'x' }) })
		).toEqual(['lessons/01-c/01-m/02-b.svx:5: unknown field "sumary" (did you mean "summary"?)']);
		expect(problems({ '01-c/01-m/module.md': '---\nid: module-m\ntitle: 01\n---\n' })).toEqual([
			'lessons/01-c/01-m/module.md:3: "title" must be text, but YAML reads 01 as number 1: put it in quotes, \'01\''
		]);
	});

	it('reports a duplicate lesson id across modules, naming both files', () => {
		const found = problems({
			'01-c/02-n/module.md': markdown({ id: 'module-n', title: 'N' }),
			'01-c/02-n/01-c.svx': lesson('lesson-a')
		});

		expect(found).toEqual([
			'lessons/01-c/02-n/01-c.svx:2: duplicate lesson id "lesson-a": lessons/01-c/01-m/01-a.svx has it too'
		]);
	});

	it('reports a duplicate course id and a duplicate module id', () => {
		const found = problems({
			'02-d/course.md': markdown(course),
			'02-d/01-m/module.md': markdown({ id: 'module-m', title: 'M' }),
			'02-d/01-m/01-a.svx': lesson('other-lesson'),
			'01-c/02-n/module.md': markdown({ id: 'module-m', title: 'N' }),
			'01-c/02-n/01-c.svx': lesson('lesson-c')
		});

		expect(found).toContain(
			'lessons/02-d/course.md:2: duplicate course id "course-c": lessons/01-c/course.md has it too'
		);
		expect(found).toContain(
			'lessons/01-c/02-n/module.md:2: duplicate module id "module-m": lessons/01-c/01-m/module.md has it too'
		);
	});

	it('refuses unnumbered and equally numbered files', () => {
		expect(problems({ '01-c/01-m/intro.svx': lesson('intro') })).toEqual([
			'lessons/01-c/01-m/intro.svx:1: "intro" must start with a number and a dash (e.g. 01-intro) to set its order, in lower case'
		]);
		expect(problems({ '01-c/01-m/2-c.svx': lesson('lesson-c') })).toEqual([
			'lessons/01-c/01-m/2-c.svx:1: numbered 2 like lessons/01-c/01-m/02-b.svx: the order is unclear'
		]);
	});

	it('reports files where the app does not look for them', () => {
		expect(
			problems({
				'01-c/03-flat.svx': lesson('flat'),
				'01-c/01-m/extra/01-deep.svx': lesson('deep'),
				'01-c/02-empty/module.md': markdown({ id: 'empty', title: 'Empty' }),
				'01-c/01-m/07-z.quiz.yaml': stringify({ ...everyTypeQuiz(), id: 'orphan' })
			})
		).toEqual([
			'lessons/01-c/01-m/07-z.quiz.yaml:1: no lesson 07-z.svx beside it to attach this quiz to',
			'lessons/01-c/01-m/extra/01-deep.svx:1: too deep: lessons go directly in a module folder, lessons/<NN-course>/<NN-module>/',
			'lessons/01-c/02-empty/module.md:1: the module has no lessons (NN-name.svx files beside module.md)',
			'lessons/01-c/03-flat.svx:1: lessons live in module folders: move it into a numbered module folder (with a module.md) inside the course folder'
		]);
	});

	it('refuses a lesson id the app uses for another page', () => {
		expect(problems({ '01-c/01-m/02-b.svx': lesson('final-quiz') })).toEqual([
			'lessons/01-c/01-m/02-b.svx:2: "id" cannot be final-quiz: the app uses /courses/<course>/final-quiz for something else'
		]);
	});

	it('refuses prerequisites that do not exist or go round in a circle', () => {
		expect(
			problems({ '01-c/course.md': markdown({ ...course, prerequisites: ['nowhere'] }) })
		).toEqual(['lessons/01-c/course.md:9: "prerequisites": no course has the id "nowhere"']);
		const circle = problems({
			'01-c/course.md': markdown({ ...course, prerequisites: ['course-d'] }),
			'02-d/course.md': markdown({ ...course, id: 'course-d', prerequisites: ['course-c'] }),
			'02-d/01-m/module.md': markdown({ id: 'm', title: 'M' }),
			'02-d/01-m/01-a.svx': lesson('d-lesson')
		});
		expect(circle).toEqual([
			'lessons/01-c/course.md:8: "prerequisites" go round in a circle: course-c → course-d → course-c'
		]);
	});
});

describe('problems in quizzes', () => {
	const quiz = everyTypeQuiz();
	/** The quiz with question `index` replaced by `change(question)`. */
	function changed(index: number, change: (q: Record<string, unknown>) => object) {
		const questions = quiz.questions.map((q, i) => (i === index ? change({ ...q }) : q));
		return { ...quiz, questions };
	}
	const FILE = 'lessons/01-c/01-m/01-a.quiz.yaml';

	it('accepts one question of every type', () => {
		expect(allQuestions(testQuiz().quiz).map((q) => q.type)).toEqual([
			'single',
			'multiple',
			'true-false',
			'matching',
			'ordering',
			'numeric',
			'short-text',
			'hotspot',
			'single',
			'numeric'
		]);
	});

	it.each([
		[
			'a single choice without a correct option',
			changed(0, (q) => ({
				...q,
				options: [
					{ id: 'a-x', text: 'A' },
					{ id: 'a-y', text: 'B' }
				]
			})),
			':7: "options": none of the options is marked correct: add `correct: true` to the right answer'
		],
		[
			'a single choice with two correct options',
			changed(0, (q) => ({
				...q,
				options: [
					{ id: 'a-x', text: 'A', correct: true },
					{ id: 'a-y', text: 'B', correct: true }
				]
			})),
			'a single-choice question needs exactly one correct option (has 2)'
		],
		[
			'two options with the same text',
			changed(1, (q) => ({
				...q,
				options: [
					{ id: 'a-x', text: 'Friction', correct: true },
					{ id: 'a-y', text: ' friction ' }
				]
			})),
			'two options read "friction"'
		],
		[
			'a true-false answer in quotes',
			changed(2, (q) => ({ ...q, answer: 'false' })),
			'"answer" must be true or false without quotes, not the text "false"'
		],
		[
			'a matching with one pair',
			changed(3, (q) => ({ ...q, pairs: [{ id: 'p', left: 'L', right: 'R' }] })),
			'"pairs" needs at least 2 entries'
		],
		[
			'a distractor that is also a right-hand side',
			changed(3, (q) => ({ ...q, distractors: ['Plan'] })),
			'the right-hand choice "plan" appears twice'
		],
		[
			'an ordering with one item',
			changed(4, (q) => ({ ...q, items: [{ id: 'i', text: 'I' }] })),
			'"items" needs at least 2 entries'
		],
		[
			'a numeric answer as text',
			changed(5, (q) => ({ ...q, answer: 'three' })),
			'"answer" must be a number, not the text "three"'
		],
		[
			'a negative tolerance',
			changed(5, (q) => ({ ...q, tolerance: -1 })),
			'"tolerance" must be at least 0'
		],
		[
			'a short text with neither accept nor pattern',
			changed(6, (q) => ({ ...q, accept: undefined, pattern: undefined })),
			'needs the accepted answers (accept) or a pattern, or both'
		],
		[
			'a pattern that does not compile',
			changed(6, (q) => ({ ...q, pattern: '97(124' })),
			'is not a valid regular expression'
		],
		[
			'a hotspot point outside the image',
			changed(7, (q) => ({
				...q,
				regions: [
					{
						id: 'r-in',
						label: 'In',
						polygon: [
							[0, 0],
							[10, 0],
							[10, 10]
						],
						correct: true
					},
					{
						id: 'r-out',
						label: 'Out',
						polygon: [
							[390, 790],
							[401, 790],
							[390, 800]
						]
					}
				]
			})),
			'the point [401, 790] of region "r-out" lies outside the 400 × 800 image'
		],
		[
			'a hotspot without a correct region',
			changed(7, (q) => ({
				...q,
				regions: (q.regions as object[]).map((r) => ({ ...r, correct: false }))
			})),
			'none of the regions is marked correct'
		],
		[
			'a hotspot image that is not there',
			changed(7, (q) => ({ ...q, image: 'images/missing.svg' })),
			'"image": there is no images/missing.svg in the course folder'
		],
		[
			'an unknown question type',
			changed(0, (q) => ({ ...q, type: 'essay' })),
			'"type" must be one of single, multiple, true-false, matching, ordering, numeric, short-text, hotspot, case, not the text "essay"'
		],
		[
			'a misspelt field',
			changed(0, (q) => ({ ...q, explaination: 'x' })),
			'unknown field "explaination" (did you mean "explanation"?)'
		],
		[
			'a question without an explanation',
			changed(5, (q) => ({ ...q, explanation: undefined })),
			'"explanation" is missing'
		],
		[
			'an id used twice in one quiz',
			changed(1, (q) => ({ ...q, id: 'q-single' })),
			'the id "q-single" is used twice in this quiz'
		],
		[
			'an option id used by another question',
			changed(1, (q) => ({
				...q,
				options: [
					{ id: 'single-plan', text: 'X', correct: true },
					{ id: 'z', text: 'Y' }
				]
			})),
			'the id "single-plan" is used twice in this quiz'
		],
		[
			'a draw larger than the pool',
			{ ...quiz, draw: 10 },
			'cannot draw 10 from 9 questions (a case counts as one)'
		]
	])('reports %s', (_, bad, message) => {
		const found = quizProblems(bad);

		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(new RegExp(`^${FILE}:\\d+: `));
		expect(found[0]).toContain(message);
	});

	it('names the line of the field at fault', () => {
		const text = stringify(changed(5, (q) => ({ ...q, answer: 'three' })));
		const line = text.split('\n').findIndex((l) => l.includes('answer: three')) + 1;

		expect(problems({ '01-c/01-m/01-a.quiz.yaml': text })).toEqual([
			`${FILE}:${line}: "answer" must be a number, not the text "three"`
		]);
	});

	it('reports YAML that does not parse, with its line', () => {
		expect(problems({ '01-c/01-m/01-a.quiz.yaml': 'id: x\ntitle: [unclosed\n' })[0]).toMatch(
			new RegExp(`^${FILE}:\\d+: not valid YAML`)
		);
	});
});

describe('the shipped content', () => {
	it('indexes with a final quiz and a quiz of every question type', () => {
		const shipped = listCourses().find((c) => c.id === 'foundations-of-medical-massage');

		expect(shipped?.modules.length).toBeGreaterThanOrEqual(2);
		expect(shipped?.finalQuiz?.id).toBe('foundations-final-quiz');
		const quizzes = [
			...(shipped?.lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])) ?? []),
			...(shipped?.finalQuiz ? [shipped.finalQuiz] : [])
		];
		const types = new Set(quizzes.flatMap((q) => q.questions.map((item) => item.type)));
		for (const type of [
			'single',
			'multiple',
			'true-false',
			'matching',
			'ordering',
			'numeric',
			'short-text',
			'hotspot',
			'case'
		]) {
			expect(types, type).toContain(type);
		}
	});
});
