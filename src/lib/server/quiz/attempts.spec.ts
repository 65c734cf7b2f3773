import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCourses, type Lesson, type Quiz } from '../content';
import type { Database } from '../db';
import type { QuizAttempt } from '../db/schema';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import {
	openAttempt,
	parseLayout,
	presentAttempt,
	QuizInputError,
	StaleAttemptError,
	submitAttempt
} from './attempts';

// The hash is never checked here; sign-in is covered by the auth specs.
const passwordHash = 'not-checked-in-this-spec';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

/** The shipped course's quiz lesson: the real questions, options and key. */
function quizLesson(): Lesson & { quiz: Quiz } {
	for (const course of listCourses()) {
		for (const lesson of course.lessons) {
			if (lesson.quiz) return { ...lesson, quiz: lesson.quiz };
		}
	}
	throw new Error('test setup: the shipped content has no quiz');
}

async function makeStudent(email = 'ana@example.com') {
	const user = await createUser(db, { email, name: 'Ana Lima', passwordHash });
	if (!user) throw new Error('test setup: user not created');
	return user;
}

type Answers = Record<string, string[]>;
const form = (answers: Answers) => (name: string) => answers[name] ?? [];

/** The form a student who knows every answer sends: the positions of the correct options. */
function correctAnswers(quiz: Quiz, attempt: QuizAttempt): Answers {
	return Object.fromEntries(
		parseLayout(attempt).map((entry, index) => {
			const question = quiz.questions.find((q) => q.id === entry.questionId)!;
			const positions = entry.optionIds.flatMap((id, position) =>
				question.options.find((o) => o.id === id)?.correct ? [String(position + 1)] : []
			);
			return [`q${index + 1}`, positions];
		})
	);
}

/** Answers every question with its first shown option that is wrong. */
function wrongAnswers(quiz: Quiz, attempt: QuizAttempt): Answers {
	return Object.fromEntries(
		parseLayout(attempt).map((entry, index) => {
			const question = quiz.questions.find((q) => q.id === entry.questionId)!;
			const position = entry.optionIds.findIndex(
				(id) => !question.options.find((o) => o.id === id)?.correct
			);
			return [`q${index + 1}`, [String(position + 1)]];
		})
	);
}

function responses() {
	return db.selectFrom('quiz_response').selectAll().execute();
}

describe('openAttempt', () => {
	it('returns the same open attempt when the quiz page is loaded again', async () => {
		const student = await makeStudent();
		const lesson = quizLesson();

		const first = await openAttempt(db, student.id, lesson);
		const second = await openAttempt(db, student.id, lesson);

		expect(second).toEqual(first);
		expect(await db.selectFrom('quiz_attempt').select('id').execute()).toHaveLength(1);
	});

	it('stores a layout with every question and every option of the quiz', async () => {
		const student = await makeStudent();
		const { quiz } = quizLesson();

		const attempt = await openAttempt(db, student.id, quizLesson());
		const layout = parseLayout(attempt);

		expect(layout.map((e) => e.questionId)).toEqual(quiz.questions.map((q) => q.id));
		for (const question of quiz.questions) {
			const entry = layout.find((e) => e.questionId === question.id);
			expect([...(entry?.optionIds ?? [])].sort()).toEqual(
				question.options.map((o) => o.id).sort()
			);
		}
		expect(attempt.question_count).toBe(quiz.questions.length);
	});

	it('pins the attempt to the version and passing grade of the quiz', async () => {
		const student = await makeStudent();
		const { quiz } = quizLesson();

		const attempt = await openAttempt(db, student.id, quizLesson());

		expect(attempt.quiz_version).toBe(quiz.version);
		expect(attempt.passing_grade).toBe(quiz.passingGrade);
		expect(attempt.submitted_at).toBeNull();
	});

	it('starts a fresh attempt after the open one was submitted', async () => {
		const student = await makeStudent();
		const lesson = quizLesson();
		const first = await openAttempt(db, student.id, lesson);
		await submitAttempt(
			db,
			student.id,
			first.id,
			lesson.quiz,
			form(wrongAnswers(lesson.quiz, first))
		);

		const next = await openAttempt(db, student.id, lesson);

		expect(next.id).not.toBe(first.id);
		expect(next.submitted_at).toBeNull();
	});
});

describe('presentAttempt', () => {
	it('shows prompts and option texts but no option ids, key or explanations', async () => {
		const student = await makeStudent();
		const { quiz } = quizLesson();
		const attempt = await openAttempt(db, student.id, quizLesson());

		const presented = presentAttempt(quiz, attempt);
		const json = JSON.stringify(presented);

		expect(presented).toHaveLength(quiz.questions.length);
		expect(presented[0]?.prompt).toBe(quiz.questions[0]?.prompt);
		expect(presented[0]?.options.map((o) => o.value)).toEqual(
			quiz.questions[0]?.options.map((_, i) => String(i + 1))
		);
		for (const question of quiz.questions) {
			for (const option of question.options) {
				expect(json).toContain(JSON.stringify(option.text));
				expect(json).not.toContain(option.id);
			}
			expect(json).not.toContain(question.explanation);
		}
		expect(json).not.toMatch(/"correct"\s*:/);
	});
});

describe('submitAttempt', () => {
	it('maps positions back through the stored layout: all correct positions score 100', async () => {
		const student = await makeStudent();
		const { quiz } = quizLesson();
		const opened = await openAttempt(db, student.id, quizLesson());
		// Shown in reverse authoring order, so positions in authoring order would be wrong answers.
		const reversed = quiz.questions.map((q) => ({
			questionId: q.id,
			optionIds: q.options.map((o) => o.id).reverse()
		}));
		const attempt = await db
			.updateTable('quiz_attempt')
			.set({ layout: JSON.stringify(reversed) })
			.where('id', '=', opened.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		const now = new Date('2026-11-28T15:00:00.000Z');

		const submitted = await submitAttempt(
			db,
			student.id,
			attempt.id,
			quiz,
			form(correctAnswers(quiz, attempt)),
			now
		);

		expect(submitted).toMatchObject({
			id: attempt.id,
			score: 100,
			passed: 1,
			correct_count: quiz.questions.length,
			submitted_at: now.toISOString(),
			quiz_version: quiz.version
		});
		const stored = await responses();
		expect(stored).toHaveLength(quiz.questions.length);
		expect(stored.every((r) => r.correct === 1)).toBe(true);
	});

	it('fails a student who picks a wrong option everywhere', async () => {
		const student = await makeStudent();
		const { quiz } = quizLesson();
		const attempt = await openAttempt(db, student.id, quizLesson());

		const submitted = await submitAttempt(
			db,
			student.id,
			attempt.id,
			quiz,
			form(wrongAnswers(quiz, attempt))
		);

		expect(submitted).toMatchObject({ score: 0, passed: 0, correct_count: 0 });
	});

	it('stores a submission once: submitting the same attempt again changes nothing', async () => {
		const student = await makeStudent();
		const { quiz } = quizLesson();
		const attempt = await openAttempt(db, student.id, quizLesson());
		const first = await submitAttempt(
			db,
			student.id,
			attempt.id,
			quiz,
			form(correctAnswers(quiz, attempt)),
			new Date('2026-11-28T15:00:00.000Z')
		);
		const responsesAfterFirst = await responses();

		const again = await submitAttempt(
			db,
			student.id,
			attempt.id,
			quiz,
			form(wrongAnswers(quiz, attempt)),
			new Date('2026-11-28T15:05:00.000Z')
		);

		expect(again).toEqual(first);
		expect(await responses()).toEqual(responsesAfterFirst);
		expect(responsesAfterFirst).toHaveLength(quiz.questions.length);
	});

	it('refuses a submission with an unanswered question and stores nothing', async () => {
		const student = await makeStudent();
		const { quiz } = quizLesson();
		const attempt = await openAttempt(db, student.id, quizLesson());
		const answers = { ...correctAnswers(quiz, attempt), q2: [] };

		const submission = submitAttempt(db, student.id, attempt.id, quiz, form(answers));

		await expect(submission).rejects.toBeInstanceOf(QuizInputError);
		await expect(submission).rejects.toThrow('question 2');
		expect(await responses()).toEqual([]);
		const stored = await db.selectFrom('quiz_attempt').selectAll().executeTakeFirstOrThrow();
		expect(stored).toEqual(attempt);
	});

	it.each([
		['zero', '0'],
		['one past the last option', 'past-end'],
		['not a number', 'first'],
		['a fraction', '1.5']
	])('refuses a position that is %s and stores nothing', async (_, value) => {
		const student = await makeStudent();
		const { quiz } = quizLesson();
		const attempt = await openAttempt(db, student.id, quizLesson());
		const optionCount = parseLayout(attempt)[0]!.optionIds.length;
		const position = value === 'past-end' ? String(optionCount + 1) : value;
		const answers = { ...correctAnswers(quiz, attempt), q1: [position] };

		const submission = submitAttempt(db, student.id, attempt.id, quiz, form(answers));

		await expect(submission).rejects.toBeInstanceOf(QuizInputError);
		expect(await responses()).toEqual([]);
	});

	it("does not find another student's attempt", async () => {
		const owner = await makeStudent('ana@example.com');
		const other = await makeStudent('bea@example.com');
		const { quiz } = quizLesson();
		const attempt = await openAttempt(db, owner.id, quizLesson());

		const submission = submitAttempt(
			db,
			other.id,
			attempt.id,
			quiz,
			form(correctAnswers(quiz, attempt))
		);

		await expect(submission).rejects.toBeInstanceOf(QuizInputError);
		expect(await responses()).toEqual([]);
		const stored = await db.selectFrom('quiz_attempt').selectAll().executeTakeFirstOrThrow();
		expect(stored.submitted_at).toBeNull();
	});

	it('refuses an attempt started on an earlier version of the quiz', async () => {
		const student = await makeStudent();
		const { quiz } = quizLesson();
		const attempt = await openAttempt(db, student.id, quizLesson());
		const edited: Quiz = { ...quiz, version: `${quiz.version}-edited` };

		const submission = submitAttempt(
			db,
			student.id,
			attempt.id,
			edited,
			form(correctAnswers(quiz, attempt))
		);

		await expect(submission).rejects.toBeInstanceOf(StaleAttemptError);
		expect(await responses()).toEqual([]);
	});
});
