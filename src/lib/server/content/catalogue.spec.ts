import { describe, expect, it } from 'vitest';
import { buildCatalogue, ContentError, type ContentSources } from './catalogue';
import { listCourses } from './index';

const COURSE = '/lessons/01-c/course.md';

const course = {
	id: 'course-c',
	title: 'Course C',
	summary: 'A small course for tests.',
	ceHours: 1.5,
	courseType: 'Home Study',
	passingGrade: 75
};

function lesson(id: string, extra: Record<string, unknown> = {}) {
	return { id, title: `Lesson ${id}`, minutes: 5, ...extra };
}

function quizYaml({
	id = 'quiz-a',
	prompt = 'Which option is right?',
	passingGrade,
	secondCorrect = false
}: { id?: string; prompt?: string; passingGrade?: number; secondCorrect?: boolean } = {}) {
	return [
		`id: ${id}`,
		'title: Quiz A',
		...(passingGrade === undefined ? [] : [`passingGrade: ${passingGrade}`]),
		'questions:',
		'  - id: only-question',
		'    type: single',
		`    prompt: ${prompt}`,
		'    options:',
		'      - id: right-option',
		'        text: Right',
		'        correct: true',
		'      - id: wrong-option',
		'        text: Wrong',
		...(secondCorrect ? ['        correct: true'] : []),
		'    explanation: Because.'
	].join('\n');
}

/** One course with lessons 01-a (with a quiz) and 02-b, unless overridden. */
function sources(overrides: Partial<ContentSources> = {}): ContentSources {
	return {
		courses: { [COURSE]: course },
		lessons: {
			'/lessons/01-c/01-a.svx': lesson('lesson-a'),
			'/lessons/01-c/02-b.svx': lesson('lesson-b')
		},
		quizzes: { '/lessons/01-c/01-a.quiz.yaml': quizYaml() },
		...overrides
	};
}

function contentError(build: () => unknown): ContentError {
	try {
		build();
	} catch (error) {
		if (error instanceof ContentError) return error;
		throw error;
	}
	throw new Error('expected a ContentError, but the catalogue was built');
}

function quizOf(content: ContentSources) {
	const quiz = buildCatalogue(content, false)[0]?.lessons[0]?.quiz;
	if (!quiz) throw new Error('test setup: the first lesson has no quiz');
	return quiz;
}

describe('buildCatalogue', () => {
	it('indexes lessons in the numeric order of their file prefixes', () => {
		const [indexed, ...others] = buildCatalogue(
			sources({
				lessons: {
					'/lessons/01-c/10-c.svx': lesson('lesson-ten'),
					'/lessons/01-c/9-b.svx': lesson('lesson-nine'),
					'/lessons/01-c/01-a.svx': lesson('lesson-one')
				},
				quizzes: {}
			}),
			false
		);

		expect(others).toEqual([]);
		expect(indexed?.id).toBe('course-c');
		expect(indexed?.lessons.map((l) => l.id)).toEqual(['lesson-one', 'lesson-nine', 'lesson-ten']);
		expect(indexed?.lessons.map((l) => l.file)).toEqual([
			'/lessons/01-c/01-a.svx',
			'/lessons/01-c/9-b.svx',
			'/lessons/01-c/10-c.svx'
		]);
		expect(indexed?.lessons.every((l) => l.courseId === 'course-c')).toBe(true);
	});

	it('orders courses by the numeric prefix of their folders', () => {
		const catalogue = buildCatalogue(
			{
				courses: {
					'/lessons/10-late/course.md': { ...course, id: 'late-course' },
					'/lessons/2-early/course.md': { ...course, id: 'early-course' }
				},
				lessons: {
					'/lessons/10-late/01-x.svx': lesson('late-lesson'),
					'/lessons/2-early/01-x.svx': lesson('early-lesson')
				},
				quizzes: {}
			},
			false
		);

		expect(catalogue.map((c) => c.id)).toEqual(['early-course', 'late-course']);
		expect(catalogue.map((c) => c.lessons.map((l) => l.id))).toEqual([
			['early-lesson'],
			['late-lesson']
		]);
	});

	it('attaches a quiz to the lesson with the same file name', () => {
		const [indexed] = buildCatalogue(sources(), false);

		expect(indexed?.lessons[0]?.quiz?.id).toBe('quiz-a');
		expect(indexed?.lessons[0]?.quiz?.file).toBe('/lessons/01-c/01-a.quiz.yaml');
		expect(indexed?.lessons[1]?.quiz).toBeUndefined();
	});

	it('refuses a lesson without an id, naming the file and the field', () => {
		const { id: _, ...withoutId } = lesson('lesson-b');
		const error = contentError(() =>
			buildCatalogue(
				sources({
					lessons: {
						'/lessons/01-c/01-a.svx': lesson('lesson-a'),
						'/lessons/01-c/02-b.svx': withoutId
					}
				}),
				false
			)
		);

		expect(error.message).toContain('/lessons/01-c/02-b.svx');
		expect(error.message).toContain('"id"');
	});

	it('refuses two lessons with the same id, naming both files and the id', () => {
		const error = contentError(() =>
			buildCatalogue(
				sources({
					lessons: {
						'/lessons/01-c/01-a.svx': lesson('lesson-a'),
						'/lessons/01-c/02-b.svx': lesson('same-id'),
						'/lessons/01-c/03-c.svx': lesson('same-id')
					}
				}),
				false
			)
		);

		expect(error.message).toContain('/lessons/01-c/02-b.svx');
		expect(error.message).toContain('/lessons/01-c/03-c.svx');
		expect(error.message).toContain('"same-id"');
		expect(error.message).not.toContain('01-a.svx');
	});

	it('refuses a lesson file without a numeric prefix', () => {
		const error = contentError(() =>
			buildCatalogue(
				sources({
					lessons: {
						'/lessons/01-c/01-a.svx': lesson('lesson-a'),
						'/lessons/01-c/intro.svx': lesson('intro')
					}
				}),
				false
			)
		);

		expect(error.message).toContain('/lessons/01-c/intro.svx');
	});

	it('refuses two lessons with the same number, since their order would be undefined', () => {
		const error = contentError(() =>
			buildCatalogue(
				sources({
					lessons: {
						'/lessons/01-c/01-a.svx': lesson('lesson-a'),
						'/lessons/01-c/02-b.svx': lesson('lesson-b'),
						'/lessons/01-c/2-c.svx': lesson('lesson-c')
					}
				}),
				false
			)
		);

		expect(error.message).toContain('/lessons/01-c/02-b.svx');
		expect(error.message).toContain('/lessons/01-c/2-c.svx');
	});

	it('refuses a single-choice question with two correct options, naming the quiz file', () => {
		const error = contentError(() =>
			buildCatalogue(
				sources({ quizzes: { '/lessons/01-c/01-a.quiz.yaml': quizYaml({ secondCorrect: true }) } }),
				false
			)
		);

		expect(error.message).toContain('/lessons/01-c/01-a.quiz.yaml');
		expect(error.message).toContain('exactly one correct option');
	});

	it('refuses a quiz with no lesson beside it', () => {
		const error = contentError(() =>
			buildCatalogue(sources({ quizzes: { '/lessons/01-c/07-z.quiz.yaml': quizYaml() } }), false)
		);

		expect(error.message).toContain('/lessons/01-c/07-z.quiz.yaml');
	});

	it('drops draft lessons unless drafts are included', () => {
		const content = sources({
			lessons: {
				'/lessons/01-c/01-a.svx': lesson('lesson-a'),
				'/lessons/01-c/02-b.svx': lesson('lesson-b', { draft: true }),
				'/lessons/01-c/03-c.svx': lesson('lesson-c')
			}
		});

		const published = buildCatalogue(content, false)[0]?.lessons.map((l) => l.id);
		const withDrafts = buildCatalogue(content, true)[0]?.lessons.map((l) => l.id);

		expect(published).toEqual(['lesson-a', 'lesson-c']);
		expect(withDrafts).toEqual(['lesson-a', 'lesson-b', 'lesson-c']);
	});

	it("gives a quiz the course's passing grade unless it sets its own", () => {
		expect(quizOf(sources()).passingGrade).toBe(75);
		expect(
			quizOf(
				sources({ quizzes: { '/lessons/01-c/01-a.quiz.yaml': quizYaml({ passingGrade: 90 }) } })
			).passingGrade
		).toBe(90);
	});

	it("changes the quiz version when a question's text changes, and only then", () => {
		const original = quizOf(sources()).version;
		const rebuilt = quizOf(sources()).version;
		const reformatted = quizOf(
			sources({ quizzes: { '/lessons/01-c/01-a.quiz.yaml': `# A comment\n${quizYaml()}\n\n` } })
		).version;
		const edited = quizOf(
			sources({
				quizzes: {
					'/lessons/01-c/01-a.quiz.yaml': quizYaml({ prompt: 'Which option is correct?' })
				}
			})
		).version;

		expect(original).toMatch(/^[0-9a-f]{16}$/);
		expect(rebuilt).toBe(original);
		expect(reformatted).toBe(original);
		expect(edited).not.toBe(original);
	});
});

describe('the shipped content', () => {
	it('has a course of at least three lessons and a quiz of at least eight explained questions', () => {
		const shipped = listCourses().find((c) => c.id === 'foundations-of-medical-massage');

		expect(shipped).toBeDefined();
		expect(shipped?.lessons.length).toBeGreaterThanOrEqual(3);
		const quizzes = shipped?.lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])) ?? [];
		expect(quizzes.length).toBeGreaterThanOrEqual(1);
		const longest = Math.max(...quizzes.map((q) => q.questions.length));
		expect(longest).toBeGreaterThanOrEqual(8);
		for (const question of quizzes.flatMap((q) => q.questions)) {
			expect(question.explanation.trim(), question.id).not.toBe('');
		}
	});
});
