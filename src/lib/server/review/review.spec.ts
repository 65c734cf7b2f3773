import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Course, Quiz } from '../content';
import { everyTypeQuiz, testCourse } from '../content/test-content';
import type { Database } from '../db';
import type { QuizAttempt, ReviewCard } from '../db/schema';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { courseProgress, enroll } from '../progress';
import { openAttempt, submitAttempt } from '../quiz/attempts';
import { answerForm, formField, type FormAnswers } from '../quiz/test-answers';
import * as migration from '../db/migrations/2026-12-05-spaced-review';
import { dueCount } from './due';
import { answerReview, reviewScreen, UNSURE_FIELD } from './session';

const passwordHash = 'not-checked-in-this-spec';
const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-11-20T18:00:00.000Z');
const later = (days: number) => new Date(start.getTime() + days * DAY);

let db: Database;
let cleanup: () => Promise<void>;
let course: Course;
let quiz: Quiz;
const courses = (id: string) => (id === course.id ? course : undefined);

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
	course = testCourse();
	quiz = course.lessons[0]!.quiz!;
});
afterEach(async () => {
	await cleanup();
});

async function student(email = 'ana@example.com') {
	const user = await createUser(db, { email, name: 'Ana Lima', passwordHash });
	if (!user) throw new Error('test setup: user not created');
	await enroll(db, user.id, course);
	return user.id;
}

/** A quiz attempt answered right everywhere except the questions named, then submitted. */
async function takeQuiz(userId: string, wrong: string[], unsure: string[] = [], at = start) {
	const attempt = await openAttempt(db, userId, quiz, at);
	const right = answerForm(quiz, attempt, 'right');
	const missed = answerForm(quiz, attempt, 'wrong');
	const form: FormAnswers = {};
	JSON.parse(attempt.layout).forEach((entry: { questionId: string }, i: number) => {
		const source = wrong.includes(entry.questionId) ? missed : right;
		for (const [name, value] of Object.entries(source)) {
			if (name === `q${i + 1}` || name.startsWith(`q${i + 1}-`)) form[name] = value;
		}
		if (unsure.includes(entry.questionId)) form[`q${i + 1}-unsure`] = ['1'];
	});
	return submitAttempt(db, userId, attempt.id, quiz, formField(form), at);
}

function cards(userId: string): Promise<ReviewCard[]> {
	return db
		.selectFrom('review_card')
		.selectAll()
		.where('user_id', '=', userId)
		.orderBy('question_id')
		.execute();
}

/** The review form for the question on screen, answered right or wrong like a student would. */
async function reviewForm(card: ReviewCard, mode: 'right' | 'wrong', unsure = false) {
	const shown = { layout: `[${card.layout}]` } as QuizAttempt;
	const form = answerForm(quiz, shown, mode);
	return formField(unsure ? { ...form, [UNSURE_FIELD]: ['1'] } : form);
}

async function shownCard(userId: string, at: Date) {
	const screen = await reviewScreen(db, userId, at, null, courses);
	if (!screen.question) return { screen, card: undefined };
	const card = (await cards(userId)).find((c) => c.id === screen.question!.cardId)!;
	return { screen, card };
}

describe('cards from quiz submissions', () => {
	it('schedules the missed and the unsure questions, and the unsure mark never changes the grade', async () => {
		const userId = await student();
		const attempt = await takeQuiz(userId, ['q-numeric'], ['q-single']);

		expect(attempt.correct_count).toBe(attempt.question_count - 1);
		const responses = await db
			.selectFrom('quiz_response')
			.select(['question_id', 'correct', 'unsure'])
			.where('attempt_id', '=', attempt.id)
			.execute();
		expect(responses.find((r) => r.question_id === 'q-single')).toEqual({
			question_id: 'q-single',
			correct: 1,
			unsure: 1
		});
		expect(responses.filter((r) => r.unsure === 1)).toHaveLength(1);
		const scheduled = await cards(userId);
		expect(scheduled.map((c) => [c.question_id, c.due])).toEqual([
			['q-numeric', start.toISOString()],
			['q-single', start.toISOString()]
		]);
		expect(await dueCount(db, userId, start, courses)).toBe(2);
	});

	it('makes no card for a question answered right without doubt', async () => {
		const userId = await student();
		await takeQuiz(userId, []);
		expect(await cards(userId)).toEqual([]);
		expect(await dueCount(db, userId, start, courses)).toBe(0);
	});

	it('brings a card scheduled for later back to now when a quiz misses it again', async () => {
		const userId = await student();
		await takeQuiz(userId, ['q-true-false']);
		const { card } = await shownCard(userId, start);
		await answerReview(db, userId, card!.id, await reviewForm(card!, 'right'), start, courses);
		expect((await cards(userId))[0]!.due > later(1).toISOString()).toBe(true);

		await takeQuiz(userId, ['q-true-false'], [], later(1));

		const [again] = await cards(userId);
		expect(again).toMatchObject({ id: card!.id, due: later(1).toISOString() });
	});
});

describe('the review', () => {
	it('shows a due question without its key, grades it on the server and brings it back when due', async () => {
		const userId = await student();
		await takeQuiz(userId, ['q-single']);

		const { screen, card } = await shownCard(userId, start);
		expect(screen.due).toBe(1);
		const shown = JSON.stringify(screen.question);
		expect(shown).toContain('Which section holds what the patient reports?');
		expect(shown).not.toMatch(/correct|explanation|single-subjective|Reports are subjective/);

		const result = await answerReview(
			db,
			userId,
			card!.id,
			await reviewForm(card!, 'wrong'),
			start,
			courses
		);
		expect(result).toEqual({ ok: true, cardId: card!.id });

		// Gone until due; the feedback shows the key now that it was answered.
		const after = await reviewScreen(db, userId, start, card!.id, courses);
		expect(after.question).toBeNull();
		expect(after.due).toBe(0);
		expect(after.feedback).toMatchObject({ correct: false, due: later(1).toISOString() });
		expect(JSON.stringify(after.feedback!.items)).toContain('Reports are subjective.');
		expect(await dueCount(db, userId, later(0.99), courses)).toBe(0);

		// Due again a day later (a miss is rated Again), shown afresh.
		const { screen: back, card: again } = await shownCard(userId, later(1));
		expect(back.question?.cardId).toBe(card!.id);
		expect(again).toMatchObject({ answer: null, reps: 1, lapses: 0 });
	});

	it('spaces a right answer further than a right but unsure one, and both further than a miss', async () => {
		const dues: Record<string, number> = {};
		for (const [label, mode, unsure] of [
			['wrong', 'wrong', false],
			['unsure', 'right', true],
			['right', 'right', false]
		] as const) {
			const userId = await student(`${label}@example.com`);
			await takeQuiz(userId, ['q-ordering']);
			const { card } = await shownCard(userId, start);
			await answerReview(
				db,
				userId,
				card!.id,
				await reviewForm(card!, mode, unsure),
				start,
				courses
			);
			dues[label] = Date.parse((await cards(userId))[0]!.due) - start.getTime();
		}
		expect(dues).toEqual({ wrong: 1 * DAY, unsure: 2 * DAY, right: 3 * DAY });
	});

	it('grades every question type the quiz supports, a hotspot included', async () => {
		const userId = await student();
		const all = quiz.definition.questions.flatMap((item) =>
			item.type === 'case' ? item.questions.map((q) => q.id) : [item.id]
		);
		await takeQuiz(userId, all);
		for (let shown = 0; shown < all.length; shown++) {
			const { card } = await shownCard(userId, start);
			const result = await answerReview(
				db,
				userId,
				card!.id,
				await reviewForm(card!, 'right'),
				start,
				courses
			);
			expect(result.ok).toBe(true);
		}
		const answered = await cards(userId);
		expect(answered.map((c) => [c.question_id, c.answer_correct])).toEqual(
			[...all].sort().map((id) => [id, 1])
		);
		expect((await reviewScreen(db, userId, start, null, courses)).question).toBeNull();
	});

	it('shows a case question with its vignette', async () => {
		const userId = await student();
		await takeQuiz(userId, ['case-first']);
		const { screen } = await shownCard(userId, start);
		expect(screen.question!.items).toMatchObject([{ type: 'case', questions: [{ number: 1 }] }]);
	});

	it('schedules a double submission once and changes no attempt, progress or certificate', async () => {
		const userId = await student();
		await takeQuiz(userId, ['q-matching']);
		const progress = await courseProgress(db, userId, course);
		const attempts = await db.selectFrom('quiz_attempt').selectAll().execute();
		const { card } = await shownCard(userId, start);
		const form = await reviewForm(card!, 'right');

		await answerReview(db, userId, card!.id, form, start, courses);
		const once = (await cards(userId))[0];
		await answerReview(db, userId, card!.id, form, later(0.01), courses);

		expect((await cards(userId))[0]).toEqual(once);
		expect(once).toMatchObject({ reps: 1 });
		expect(await db.selectFrom('quiz_attempt').selectAll().execute()).toEqual(attempts);
		expect(await courseProgress(db, userId, course)).toEqual(progress);
		expect(await db.selectFrom('certificate').selectAll().execute()).toEqual([]);
	});

	it('refuses an unanswered review with a message and keeps the question pending', async () => {
		const userId = await student();
		await takeQuiz(userId, ['q-short-text']);
		const { card } = await shownCard(userId, start);

		const result = await answerReview(db, userId, card!.id, formField({}), start, courses);

		expect(result).toEqual({
			ok: false,
			status: 400,
			message: 'Answer the question before checking it.'
		});
		expect((await cards(userId))[0]).toEqual(card);
	});

	it('never lets one student answer or see another student’s card', async () => {
		const ana = await student();
		const ben = await student('ben@example.com');
		await takeQuiz(ben, ['q-numeric']);
		const { card } = await shownCard(ben, start);

		const result = await answerReview(
			db,
			ana,
			card!.id,
			await reviewForm(card!, 'right'),
			start,
			courses
		);

		expect(result).toMatchObject({ ok: false, status: 400 });
		expect((await cards(ben))[0]).toEqual(card);
		expect((await reviewScreen(db, ana, start, card!.id, courses)).feedback).toBeNull();
	});

	it('skips a question the course no longer has, and redraws one whose quiz changed', async () => {
		const userId = await student();
		await takeQuiz(userId, ['q-hotspot', 'q-true-false']);
		const { card } = await shownCard(userId, start);
		expect(await dueCount(db, userId, start, courses)).toBe(2);

		// The author removes the hotspot and rewords the true-false question.
		const original = everyTypeQuiz();
		const edited = {
			...original,
			questions: original.questions
				.filter((q) => q.id !== 'q-hotspot')
				.map((q) => (q.id === 'q-true-false' ? { ...q, prompt: 'Reworded.' } : q))
		};
		course = testCourse({ '01-c/01-m/01-a.quiz.yaml': stringify(edited) });
		quiz = course.lessons[0]!.quiz!;

		expect(await dueCount(db, userId, start, courses)).toBe(1);
		const stale = await answerReview(
			db,
			userId,
			card!.id,
			formField({ q1: ['1'] }),
			start,
			courses
		);
		expect(stale).toMatchObject({ ok: false, status: 409 });
		const { screen, card: redrawn } = await shownCard(userId, start);
		expect(screen.due).toBe(1);
		expect(redrawn).toMatchObject({ question_id: 'q-true-false', layout_version: quiz.version });
		expect(JSON.stringify(screen.question)).toContain('Reworded.');
	});
});

describe('the migration', () => {
	it('turns the misses stored before review existed into cards, one per question', async () => {
		const userId = await student();
		// Two attempts missing the same question, before the review tables existed.
		await migration.down(db);
		const missedAt = [later(-3), later(-2)];
		for (const [i, at] of missedAt.entries()) {
			await db
				.insertInto('quiz_attempt')
				.values({
					id: `attempt-${i}`,
					user_id: userId,
					course_id: course.id,
					lesson_id: 'lesson-a',
					quiz_id: quiz.id,
					quiz_version: quiz.version,
					layout: '[]',
					started_at: at.toISOString(),
					submitted_at: at.toISOString(),
					question_count: 2,
					correct_count: 1,
					score: 50,
					passing_grade: 75,
					passed: 0
				})
				.execute();
			await db
				.insertInto('quiz_response')
				// The column `unsure` does not exist yet: only what the old schema had.
				.values([
					{ attempt_id: `attempt-${i}`, question_id: 'q-numeric', selected: '{}', correct: 0 },
					{ attempt_id: `attempt-${i}`, question_id: 'q-single', selected: '{}', correct: 1 }
				])
				.execute();
		}

		await migration.up(db);

		expect(await cards(userId)).toMatchObject([
			{ question_id: 'q-numeric', due: missedAt[0]!.toISOString(), reps: 0, state: 0 }
		]);
		expect(await dueCount(db, userId, start, courses)).toBe(1);
	});
});
