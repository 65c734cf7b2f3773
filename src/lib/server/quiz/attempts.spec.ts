import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Quiz } from '../content';
import { allQuestions } from '../content/quiz-schema';
import { everyTypeQuiz, testQuiz } from '../content/test-content';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import {
	AttemptLimitError,
	hasPassed,
	openAttempt,
	QuizInputError,
	reviewAttempt,
	StaleAttemptError,
	submitAttempt
} from './attempts';
import { parseLayout } from './layout';
import { presentAttempt } from './present';
import { answerForm, formField, type FormAnswers } from './test-answers';
import { quizSection } from './view';

// The hash is never checked here; sign-in is covered by the auth specs.
const passwordHash = 'not-checked-in-this-spec';
const images = (path: string) => (path === 'images/body.svg' ? '/assets/body.svg' : undefined);

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

async function makeStudent(email = 'ana@example.com') {
	const user = await createUser(db, { email, name: 'Ana Lima', passwordHash });
	if (!user) throw new Error('test setup: user not created');
	return user;
}

function responses() {
	return db.selectFrom('quiz_response').selectAll().execute();
}

async function submit(userId: string, quiz: Quiz, attemptId: string, answers: FormAnswers) {
	return submitAttempt(db, userId, attemptId, quiz, formField(answers));
}

describe('openAttempt', () => {
	it('returns the same open attempt when the quiz page is loaded again', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();

		const first = await openAttempt(db, student.id, quiz);
		const second = await openAttempt(db, student.id, quiz);

		expect(second).toEqual(first);
		expect(await db.selectFrom('quiz_attempt').select('id').execute()).toHaveLength(1);
	});

	it('stores exactly what is shown: every question, every shuffled list, the case groups', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();

		const attempt = await openAttempt(db, student.id, quiz);
		const layout = parseLayout(attempt);

		expect(layout.map((e) => e.questionId)).toEqual(allQuestions(quiz).map((q) => q.id));
		const entry = (id: string) => layout.find((e) => e.questionId === id)!;
		expect([...entry('q-single').optionIds].sort()).toEqual([
			'single-objective',
			'single-plan',
			'single-subjective'
		]);
		expect(entry('q-true-false').optionIds).toEqual(['true', 'false']);
		expect([...entry('q-matching').rowIds!].sort()).toEqual(['pair-next', 'pair-pain', 'pair-rom']);
		expect([...entry('q-matching').optionIds].sort()).toEqual([
			'distractor:0',
			'pair-next',
			'pair-pain',
			'pair-rom'
		]);
		// Shown in the authored order, an ordering would give its answer away.
		expect(entry('q-ordering').optionIds).not.toEqual(['step-stop', 'step-refer', 'step-document']);
		expect([...entry('q-hotspot').optionIds].sort()).toEqual(['region-calf', 'region-knee']);
		expect(entry('case-first').caseId).toBe('case-office');
		expect(entry('case-second').caseId).toBe('case-office');
		expect(attempt).toMatchObject({
			question_count: 10,
			quiz_version: quiz.version,
			passing_grade: quiz.passingGrade,
			lesson_id: 'lesson-a',
			submitted_at: null
		});
	});

	it('stores the version of the quiz it was drawn from, once', async () => {
		const { quiz } = testQuiz();
		await openAttempt(db, (await makeStudent('a@example.com')).id, quiz);
		await openAttempt(db, (await makeStudent('b@example.com')).id, quiz);

		const versions = await db.selectFrom('quiz_version').selectAll().execute();

		expect(versions).toHaveLength(1);
		expect(versions[0]).toMatchObject({ quiz_id: quiz.id, version: quiz.version });
		expect(JSON.parse(versions[0]!.definition)).toEqual(quiz.definition);
	});

	it('draws N of a pool, a case group whole, and keeps the draw for the attempt', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz({ draw: 3 });
		const seen = new Set<string>();

		for (let i = 0; i < 25; i++) {
			const attempt = await openAttempt(db, student.id, quiz);
			const layout = parseLayout(attempt);
			const items = new Set(layout.map((e) => e.caseId ?? e.questionId));
			expect(items.size).toBe(3);
			expect(attempt.question_count).toBe(layout.length);
			// A drawn case comes with both of its questions.
			if (items.has('case-office')) expect(layout.filter((e) => e.caseId)).toHaveLength(2);
			expect(await openAttempt(db, student.id, quiz)).toEqual(attempt);
			items.forEach((item) => seen.add(item));
			await submit(student.id, quiz, attempt.id, answerForm(quiz, attempt, 'wrong'));
		}
		// 25 draws of 3 from 9 leave an item out about once in 500 runs: at least 7 appear.
		expect(seen.size).toBeGreaterThanOrEqual(7);
	});
});

describe('presentAttempt', () => {
	it('shows texts in the order drawn, with positions for values and nothing of the key', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);

		const presented = presentAttempt(quiz.definition, parseLayout(attempt), images);
		const json = JSON.stringify(presented);

		expect(presented.map((item) => item.type)).toEqual([
			'single',
			'multiple',
			'true-false',
			'matching',
			'ordering',
			'numeric',
			'short-text',
			'hotspot',
			'case'
		]);
		const single = presented[0]!;
		expect(single.type === 'single' && single.options.map((o) => o.value)).toEqual(['1', '2', '3']);
		const hotspot = presented[7]!;
		expect(hotspot.type === 'hotspot' && hotspot.image).toEqual({
			src: '/assets/body.svg',
			alt: 'A body seen from behind',
			width: 400,
			height: 800
		});
		for (const q of allQuestions(quiz)) {
			expect(json).toContain(JSON.stringify(q.prompt));
			expect(json).not.toContain(`"${q.id}"`);
			expect(json).not.toContain(q.explanation);
		}
		for (const secret of [
			'single-subjective',
			'pair-rom',
			'distractor:0',
			'step-stop',
			'region-knee',
			'case-office',
			'Objective is what you measure.',
			'Measured.',
			'That is the calf.',
			'cpt\\\\s*97124'
		]) {
			expect(json).not.toContain(secret);
		}
		expect(json).not.toMatch(
			/"(correct|answer|accept|pattern|tolerance|polygon|feedback|explanation)"\s*:/
		);
	});

	it('adds the regions’ outlines, never their flags, only for an author’s preview', async () => {
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, (await makeStudent()).id, quiz);

		const preview = JSON.stringify(
			presentAttempt(quiz.definition, parseLayout(attempt), images, { preview: true })
		);

		expect(preview).toContain('"polygon"');
		expect(preview).not.toContain('region-knee');
		expect(preview).not.toMatch(/"correct"\s*:/);
	});
});

describe('submitAttempt', () => {
	it('maps positions back through the stored layout: all right scores 100', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);

		const submitted = await submit(
			student.id,
			quiz,
			attempt.id,
			answerForm(quiz, attempt, 'right')
		);

		expect(submitted).toMatchObject({ score: 100, passed: 1, correct_count: 10 });
		const stored = await responses();
		expect(stored).toHaveLength(10);
		expect(stored.every((r) => r.correct === 1)).toBe(true);
	});

	it('grades a hotspot chosen from the list like a click inside the region', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);

		const submitted = await submit(
			student.id,
			quiz,
			attempt.id,
			answerForm(quiz, attempt, 'right', 'list')
		);

		expect(submitted.score).toBe(100);
	});

	it('fails a student who answers everything wrong', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);

		const submitted = await submit(
			student.id,
			quiz,
			attempt.id,
			answerForm(quiz, attempt, 'wrong')
		);

		expect(submitted).toMatchObject({ score: 0, passed: 0, correct_count: 0 });
	});

	it('counts a partly right matching as wrong, and the rest as answered', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);
		const layout = parseLayout(attempt);
		const matching = layout.findIndex((e) => e.questionId === 'q-matching');
		const rows = layout[matching]!.rowIds!;
		const form = answerForm(quiz, attempt, 'right');
		// Swap the matches of the first two rows.
		const position = (key: string) => String(layout[matching]!.optionIds.indexOf(key) + 1);
		form[`q${matching + 1}-1`] = [position(rows[1]!)];
		form[`q${matching + 1}-2`] = [position(rows[0]!)];

		const submitted = await submit(student.id, quiz, attempt.id, form);

		expect(submitted).toMatchObject({ correct_count: 9, score: 90 });
		const row = (await responses()).find((r) => r.question_id === 'q-matching');
		expect(row?.correct).toBe(0);
	});

	it('stores a submission once: submitting the same attempt again changes nothing', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);
		const first = await submit(student.id, quiz, attempt.id, answerForm(quiz, attempt, 'right'));
		const responsesAfterFirst = await responses();

		const again = await submit(student.id, quiz, attempt.id, answerForm(quiz, attempt, 'wrong'));

		expect(again).toEqual(first);
		expect(await responses()).toEqual(responsesAfterFirst);
	});

	async function refused(
		change: (form: FormAnswers, layout: ReturnType<typeof parseLayout>) => void
	) {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);
		const form = answerForm(quiz, attempt, 'right');
		change(form, parseLayout(attempt));
		const submission = submit(student.id, quiz, attempt.id, form);
		await expect(submission).rejects.toBeInstanceOf(QuizInputError);
		expect(await responses()).toEqual([]);
		const stored = await db.selectFrom('quiz_attempt').selectAll().executeTakeFirstOrThrow();
		expect(stored.submitted_at).toBeNull();
		return submission.catch((e: Error) => e.message);
	}
	const at = (layout: ReturnType<typeof parseLayout>, id: string) =>
		layout.findIndex((e) => e.questionId === id) + 1;

	it('refuses a form with unanswered questions, naming them, and stores nothing', async () => {
		const message = await refused((form) => {
			form.q2 = [];
			form.q6 = [''];
		});
		expect(message).toBe(
			'Answer every question before submitting (not yet answered: questions 2, 6).'
		);
	});

	it('refuses a matching with a row left open as unfinished', async () => {
		const message = await refused((form, layout) => {
			form[`q${at(layout, 'q-matching')}-2`] = [''];
		});
		expect(message).toContain(`question ${4}`);
	});

	it('refuses an ordering that gives two items the same place', async () => {
		const message = await refused((form, layout) => {
			const n = at(layout, 'q-ordering');
			form[`q${n}-1`] = ['1'];
			form[`q${n}-2`] = ['1'];
		});
		expect(message).toBe('Question 5: give each item its own position (1 is used twice).');
	});

	it.each([
		['text in a numeric answer', 'q-numeric', '', ['three'], 'enter a number, such as 3 or 2.5'],
		['a decimal comma', 'q-numeric', '', ['2,5'], 'enter a number'],
		['a point off the image', 'q-hotspot', '-x', ['401'], 'the point marked is not on the image'],
		[
			'a point that is no number',
			'q-hotspot',
			'-y',
			['top'],
			'the point marked is not on the image'
		],
		['position zero', 'q-single', '', ['0'], 'not one of the choices'],
		['a position past the end', 'q-single', '', ['4'], 'not one of the choices'],
		['a fractional position', 'q-single', '', ['1.5'], 'not one of the choices'],
		['two answers to a single choice', 'q-single', '', ['1', '2'], 'choose only one answer']
	])('refuses %s', async (_, id, suffix, value, message) => {
		const text = await refused((form, layout) => {
			form[`q${at(layout, id)}${suffix}`] = value;
		});
		expect(text).toContain(message);
	});

	it("does not find another student's attempt", async () => {
		const owner = await makeStudent('ana@example.com');
		const other = await makeStudent('bea@example.com');
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, owner.id, quiz);

		const submission = submit(other.id, quiz, attempt.id, answerForm(quiz, attempt, 'right'));

		await expect(submission).rejects.toBeInstanceOf(QuizInputError);
		expect(await responses()).toEqual([]);
	});

	it('refuses an attempt beyond maxAttempts, and offers none once they are used', async () => {
		const student = await makeStudent();
		const { course, quiz } = testQuiz({ maxAttempts: 2 });
		const first = await openAttempt(db, student.id, quiz);
		await submit(student.id, quiz, first.id, answerForm(quiz, first, 'wrong'));
		const second = await openAttempt(db, student.id, quiz);
		// A third attempt opened before the second was sent (another tab).
		await db
			.insertInto('quiz_attempt')
			.values({ ...second, id: 'third-attempt' })
			.execute();
		await submit(student.id, quiz, second.id, answerForm(quiz, second, 'wrong'));

		const third = submit(student.id, quiz, 'third-attempt', answerForm(quiz, second, 'right'));

		await expect(third).rejects.toBeInstanceOf(AttemptLimitError);
		const section = await quizSection(db, student.id, course, quiz, {
			enrolled: true,
			reviewAttemptId: null,
			preview: false
		});
		expect(section).toMatchObject({ attempt: null, passed: false, maxAttempts: 2 });
		expect(section.history).toHaveLength(2);
	});
});

describe('an edited quiz', () => {
	/** The every-type quiz with the single choice's key moved to "Objective". */
	function editedQuiz(): Quiz {
		const definition = everyTypeQuiz();
		const [single, ...rest] = definition.questions;
		const options = (single as { options: { id: string; text: string; correct?: boolean }[] })
			.options;
		const moved = options.map((o) => ({ ...o, correct: o.id === 'single-objective' }));
		return testQuiz({ questions: [{ ...single, options: moved }, ...rest] }).quiz;
	}

	it('grades and reviews an attempt started before the edit against the version it showed', async () => {
		const student = await makeStudent();
		const { course, quiz: before } = testQuiz();
		const after = editedQuiz();
		expect(after.version).not.toBe(before.version);
		const attempt = await openAttempt(db, student.id, before);

		// Right by the old key, which the new file no longer has.
		const submitted = await submit(
			student.id,
			after,
			attempt.id,
			answerForm(before, attempt, 'right')
		);
		const review = await reviewAttempt(db, after, submitted, images);

		expect(submitted).toMatchObject({ score: 100, quiz_version: before.version });
		const single = review[0]!;
		expect(single.type === 'single' && single.options.find((o) => o.correct)?.text).toBe(
			'Subjective'
		);
		const section = await quizSection(db, student.id, course, after, {
			enrolled: true,
			reviewAttemptId: submitted.id,
			preview: false
		});
		expect(section.review?.questions?.[0]).toEqual(single);
	});

	it('keeps a pass made on an earlier version: editing never lowers progress', async () => {
		const student = await makeStudent();
		const { course, quiz: before } = testQuiz();
		const attempt = await openAttempt(db, student.id, before);
		await submit(student.id, before, attempt.id, answerForm(before, attempt, 'right'));
		const after = editedQuiz();

		const section = await quizSection(db, student.id, course, after, {
			enrolled: true,
			reviewAttemptId: null,
			preview: false
		});

		expect(await hasPassed(db, student.id, course.id, after.id)).toBe(true);
		expect(section).toMatchObject({ passed: true, attempt: null });
	});

	it('refuses an attempt whose version was never stored, with a 409-kind error', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);
		await db.deleteFrom('quiz_version').execute();

		const submission = submit(
			student.id,
			editedQuiz(),
			attempt.id,
			answerForm(quiz, attempt, 'right')
		);

		await expect(submission).rejects.toBeInstanceOf(StaleAttemptError);
		expect(await responses()).toEqual([]);
	});
});

describe('reviewAttempt', () => {
	it('shows every type with the answer given, the key, the explanation and its feedback', async () => {
		const student = await makeStudent();
		const { quiz } = testQuiz();
		const attempt = await openAttempt(db, student.id, quiz);
		const submitted = await submit(
			student.id,
			quiz,
			attempt.id,
			answerForm(quiz, attempt, 'wrong')
		);

		const review = await reviewAttempt(db, quiz, submitted, images);
		// The first question of each type (the case's numeric question comes later).
		const byType = Object.fromEntries(
			review
				.flatMap((item) => (item.type === 'case' ? item.questions : [item]))
				.reverse()
				.map((q) => [q.type, q])
		);

		expect(review.at(-1)).toMatchObject({ type: 'case', title: 'An office worker' });
		expect(byType['true-false']).toMatchObject({
			correct: false,
			explanation: 'Eight minutes are needed.'
		});
		expect(byType.numeric).toMatchObject({
			given: '4.5',
			answer: 3,
			tolerance: 0.5,
			unit: 'units'
		});
		expect(byType['short-text']).toMatchObject({ given: 'not the answer', accepted: ['97124'] });
		expect(byType.ordering).toMatchObject({
			items: [
				{ text: 'Stop', given: 3 },
				{ text: 'Refer', given: 2 },
				{ text: 'Document', given: 1 }
			]
		});
		expect(
			byType.matching?.type === 'matching' &&
				byType.matching.rows.find((r) => r.left === 'Rotation 45 degrees')
		).toMatchObject({
			correct: false,
			answer: 'Objective',
			feedback: 'Measured.'
		});
		expect(byType.hotspot).toMatchObject({
			chosen: 'Middle of the calf',
			point: [170, 670],
			image: { src: '/assets/body.svg' }
		});
		expect(
			byType.hotspot?.type === 'hotspot' && byType.hotspot.regions.find((r) => r.chosen)?.feedback
		).toBe('That is the calf.');
	});
});
