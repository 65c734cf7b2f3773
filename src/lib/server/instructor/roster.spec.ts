import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Quiz } from '../content';
import { everyTypeQuiz, testCourse } from '../content/test-content';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { submitEvaluation } from '../evaluation';
import { courseProgress, enroll, recordLessonOpened } from '../progress';
import { openAttempt, submitAttempt } from '../quiz/attempts';
import { answerForm, formField } from '../quiz/test-answers';
import { courseQuizzes } from './access';
import { courseRoster, selectRoster } from './roster';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

/** Lessons a (with a quiz) and b, and a final quiz: three steps to completion. */
const course = testCourse({
	'01-c/final.quiz.yaml': stringify({ ...everyTypeQuiz(), id: 'final-quiz-c', title: 'Final' })
});

async function student(name: string) {
	const user = await createUser(db, {
		email: `${name.toLowerCase()}@example.com`,
		name,
		passwordHash: 'x'
	});
	await enroll(db, user!.id, course);
	return user!.id;
}

async function take(userId: string, quiz: Quiz, mode: 'right' | 'wrong') {
	const attempt = await openAttempt(db, userId, quiz);
	await submitAttempt(db, userId, attempt.id, quiz, formField(answerForm(quiz, attempt, mode)));
}

describe('the roster', () => {
	it('lists the final quiz with the lessons’ quizzes', () => {
		expect(courseQuizzes(course).map((q) => [q.id, q.lessonId])).toEqual([
			[course.lessons[0]!.quiz!.id, course.lessons[0]!.id],
			['final-quiz-c', null]
		]);
	});

	it('counts completion by the students’ own rule: every lesson, the final quiz, the evaluation', async () => {
		const [a, b] = course.lessons;
		const lessonsOnly = await student('Lessons');
		const finished = await student('Finished');
		const idle = await student('Idle');
		for (const id of [lessonsOnly, finished]) {
			await take(id, a!.quiz!, 'right');
			await recordLessonOpened(db, id, course, a!);
			await recordLessonOpened(db, id, course, b!);
		}
		await take(lessonsOnly, course.finalQuiz!, 'wrong');
		await take(finished, course.finalQuiz!, 'right');
		// The last step of the rule; submitting it issues the certificate.
		const ratings = { objectives: 5, instructor: 4, materials: 4, relevance: 5, comments: '' };
		await submitEvaluation(db, lessonsOnly, course, ratings);
		await submitEvaluation(db, finished, course, ratings);

		const rows = await courseRoster(db, course);
		const byName = new Map(rows.map((r) => [r.name, r]));
		for (const id of [lessonsOnly, finished, idle]) {
			const row = rows.find((r) => r.userId === id)!;
			const own = await courseProgress(db, id, course);
			expect([row.completedRequired, row.totalRequired, row.percent]).toEqual([
				own.completedRequired,
				own.totalRequired,
				own.percent
			]);
		}
		expect(byName.get('Lessons')).toMatchObject({ completedRequired: 3, percent: 75 });
		expect(byName.get('Lessons')!.quizzes.at(-1)).toMatchObject({
			quizId: 'final-quiz-c',
			best: 0,
			attempts: 1,
			passed: false
		});
		expect(byName.get('Finished')).toMatchObject({ completedRequired: 4, percent: 100 });
		expect(byName.get('Finished')!.certificate).not.toBeNull();

		// Furthest behind first.
		const behind = selectRoster(rows, {
			q: '',
			status: 'all',
			sort: 'behind',
			from: undefined,
			to: undefined
		});
		expect(behind.map((r) => r.name)).toEqual(['Idle', 'Lessons', 'Finished']);
	});
});
