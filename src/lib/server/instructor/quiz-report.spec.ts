import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Course } from '../content';
import { testCourse } from '../content/test-content';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { openAttempt, submitAttempt } from '../quiz/attempts';
import { answerForm, formField } from '../quiz/test-answers';
import { quizReport } from './quiz-report';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

/** The course with a final quiz of three questions, the first one worded as given. */
function courseWith(firstPrompt: string, draw?: number): Course {
	const question = (n: number, prompt: string) => ({
		id: `q${n}`,
		type: 'single',
		prompt,
		options: [
			{ id: `q${n}-right`, text: `Right ${n}`, correct: true },
			{ id: `q${n}-wrong`, text: `Wrong ${n}` }
		],
		explanation: 'Because.'
	});
	return testCourse({
		'01-c/final.quiz.yaml': stringify({
			id: 'final-c',
			title: 'Final',
			...(draw === undefined ? {} : { draw }),
			questions: [question(1, firstPrompt), question(2, 'Second?'), question(3, 'Third?')]
		})
	});
}

async function submit(course: Course, email: string, mode: 'right' | 'wrong') {
	const quiz = course.finalQuiz!;
	const user = await createUser(db, { email, name: email, passwordHash: 'x' });
	const attempt = await openAttempt(db, user!.id, quiz);
	await submitAttempt(db, user!.id, attempt.id, quiz, formField(answerForm(quiz, attempt, mode)));
}

describe('the question statistics page', () => {
	it('covers the final quiz, and words each version as it was taken', async () => {
		const before = courseWith('What is the first answer?');
		await submit(before, 'old@example.com', 'wrong');
		const after = courseWith('Which answer comes first?');
		await submit(after, 'new@example.com', 'right');
		await submit(after, 'newer@example.com', 'right');

		const current = await quizReport(db, after, 'final-c', undefined);
		expect(current.version).toBe(after.finalQuiz!.version);
		expect(current.versions.map((v) => [v.version, v.attempts]).sort()).toEqual(
			[
				[before.finalQuiz!.version, 1],
				[after.finalQuiz!.version, 2]
			].sort()
		);
		expect(current.questions[0]).toMatchObject({
			prompt: 'Which answer comes first?',
			responses: 2,
			facility: 1
		});

		const old = await quizReport(db, after, 'final-c', before.finalQuiz!.version);
		expect(old.isCurrent).toBe(false);
		expect(old.questions[0]).toMatchObject({ prompt: 'What is the first answer?', facility: 0 });
		expect(old.questions[0]!.options).toEqual([
			{ id: 'q1-right', text: 'Right 1', correct: true, chosen: 0 },
			{ id: 'q1-wrong', text: 'Wrong 1', correct: false, chosen: 1 }
		]);
	});

	it('says how many questions a pooled quiz draws', async () => {
		const course = courseWith('First?', 2);
		await submit(course, 'a@example.com', 'right');
		const report = await quizReport(db, course, 'final-c', undefined);
		expect(report.pooled).toEqual({ draw: 2, of: 3 });
		expect(report.questions.map((q) => q.responses)).toEqual([1, 1]);
	});
});
