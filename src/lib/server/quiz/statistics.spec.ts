import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lesson, Quiz } from '../content';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { openAttempt, parseLayout, submitAttempt } from './attempts';
import * as migration from '../db/migrations/2026-12-02-instructor-tools';
import { analyseItem, concern, pointBiserial, versionStatistics } from './statistics';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

// Who answered which question right: one row per question, one column per student.
const RIGHT = [
	[1, 1, 1, 1, 1, 0], // q1
	[1, 1, 1, 0, 0, 0], // q2
	[0, 1, 0, 0, 0, 0], // q3: very hard (1 of 6)
	[1, 0, 0, 0, 1, 1], // q4: the weaker students get it right, the stronger ones wrong
	[1, 1, 1, 1, 1, 1] // q5: everyone right
];
const STUDENTS = 6;
const QUESTIONS = RIGHT.length;

/** Pearson's r of two lists, straight from its definition: the test's own formula. */
function pearson(xs: number[], ys: number[]): number {
	const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
	const mx = mean(xs);
	const my = mean(ys);
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	xs.forEach((x, i) => {
		const y = ys[i]!;
		sxy += (x - mx) * (y - my);
		sxx += (x - mx) ** 2;
		syy += (y - my) ** 2;
	});
	return sxy / Math.sqrt(sxx * syy);
}

const totals = Array.from({ length: STUDENTS }, (_, s) => RIGHT.reduce((sum, q) => sum + q[s]!, 0));
/** Item-rest correlation computed in the test: the item against the total minus the item. */
const expectedDiscrimination = RIGHT.map((q) =>
	pearson(
		q,
		q.map((x, s) => totals[s]! - x)
	)
);

function fixtureQuiz(): Lesson & { quiz: Quiz } {
	const quiz: Quiz = {
		id: 'stats-quiz',
		title: 'Statistics fixture',
		passingGrade: 60,
		version: 'v1',
		file: '/lessons/99-fixture/01-a.quiz.yaml',
		questions: RIGHT.map((_, q) => ({
			id: `q${q + 1}`,
			type: 'single' as const,
			prompt: `Question ${q + 1}`,
			explanation: 'Because.',
			options: [
				{ id: `q${q + 1}-right`, text: 'Right', correct: true },
				{ id: `q${q + 1}-wrong-a`, text: 'Wrong A', correct: false },
				{ id: `q${q + 1}-wrong-b`, text: 'Wrong B', correct: false }
			]
		}))
	};
	return {
		id: 'fixture-lesson',
		title: 'Fixture',
		minutes: 5,
		objectives: [],
		references: [],
		required: true,
		draft: false,
		courseId: 'fixture-course',
		file: '/lessons/99-fixture/01-a.svx',
		quiz
	};
}

/** Student s answers: right where RIGHT says so, else wrong A (even s) or wrong B (odd s). */
function chosenOption(q: number, s: number): string {
	if (RIGHT[q]![s]) return `q${q + 1}-right`;
	return s % 2 === 0 ? `q${q + 1}-wrong-a` : `q${q + 1}-wrong-b`;
}

async function submitFixture() {
	const lesson = fixtureQuiz();
	for (let s = 0; s < STUDENTS; s++) {
		const user = await createUser(db, {
			email: `s${s}@example.com`,
			name: `Student ${s}`,
			passwordHash: 'x'
		});
		const attempt = await openAttempt(db, user!.id, lesson);
		const layout = parseLayout(attempt);
		await submitAttempt(db, user!.id, attempt.id, lesson.quiz, (name) => {
			const index = Number(name.slice(1)) - 1;
			const entry = layout[index]!;
			const q = Number(entry.questionId.slice(1)) - 1;
			return [String(entry.optionIds.indexOf(chosenOption(q, s)) + 1)];
		});
	}
	return lesson;
}

describe('question statistics', () => {
	it('match facility and item-rest point-biserial values computed independently', async () => {
		await submitFixture();
		const stats = await versionStatistics(db, 'fixture-course', 'stats-quiz', 'v1');

		expect(stats.attempts).toBe(STUDENTS);
		const byId = new Map(stats.items.map((i) => [i.questionId, i]));
		for (let q = 0; q < QUESTIONS; q++) {
			const item = byId.get(`q${q + 1}`)!;
			expect(item.responses).toBe(STUDENTS);
			expect(item.facility).toBeCloseTo(RIGHT[q]!.reduce((a, b) => a + b, 0) / STUDENTS, 12);
		}
		// By hand for q2: x = 1 1 1 0 0 0, totals 4 4 3 2 3 2, rest = 3 3 2 2 3 2. Means 1/2 and
		// 5/2; covariance 8/6 - 5/4 = 1/12; variances 1/4 and 39/6 - 25/4 = 1/4; r = (1/12)/(1/4) = 1/3.
		expect(byId.get('q2')!.discrimination).toBeCloseTo(1 / 3, 12);
		for (const q of [0, 1, 2, 3]) {
			expect(byId.get(`q${q + 1}`)!.discrimination).toBeCloseTo(expectedDiscrimination[q]!, 12);
		}
		expect(byId.get('q4')!.discrimination).toBeCloseTo(-0.5222329678670935, 12);
		// Everyone right: no variation, so no correlation.
		expect(byId.get('q5')!.discrimination).toBeNull();
	});

	it('flags very easy, very hard and negatively discriminating questions', async () => {
		await submitFixture();
		const { items } = await versionStatistics(db, 'fixture-course', 'stats-quiz', 'v1');
		const flags = Object.fromEntries(items.map((i) => [i.questionId, i.flags]));

		expect(flags).toEqual({
			q1: [],
			q2: [],
			q3: ['very-hard'],
			q4: ['negative-discrimination'],
			q5: ['very-easy']
		});
		const worst = [...items].sort((a, b) => concern(b) - concern(a))[0];
		expect(worst?.questionId).toBe('q4');
	});

	it('counts how often each option was chosen, and the scores', async () => {
		await submitFixture();
		const stats = await versionStatistics(db, 'fixture-course', 'stats-quiz', 'v1');
		for (let q = 0; q < QUESTIONS; q++) {
			const expected = new Map<string, number>();
			for (let s = 0; s < STUDENTS; s++) {
				const id = chosenOption(q, s);
				expected.set(id, (expected.get(id) ?? 0) + 1);
			}
			const item = stats.items.find((i) => i.questionId === `q${q + 1}`)!;
			expect(Object.fromEntries(item.choices)).toEqual(Object.fromEntries(expected));
		}
		// Totals 4 4 3 2 3 2 of 5: scores 80, 80, 60, 40, 60, 40; 60 passes.
		expect(stats.scores).toEqual([
			{ score: 40, attempts: 2 },
			{ score: 60, attempts: 2 },
			{ score: 80, attempts: 2 }
		]);
		expect(stats.passed).toBe(4);
	});

	it('counts a resubmitted attempt once', async () => {
		const lesson = await submitFixture();
		const [attempt] = await db.selectFrom('quiz_attempt').selectAll().limit(1).execute();
		await submitAttempt(db, attempt!.user_id, attempt!.id, lesson.quiz, () => ['1']);
		const stats = await versionStatistics(db, 'fixture-course', 'stats-quiz', 'v1');
		expect(stats.attempts).toBe(STUDENTS);
	});
});

describe('the migration that adds statistics', () => {
	it('computes, from attempts already stored, what submissions keep up to date', async () => {
		await submitFixture();
		const kept = await versionStatistics(db, 'fixture-course', 'stats-quiz', 'v1');

		await migration.down(db);
		await migration.up(db);

		expect(await versionStatistics(db, 'fixture-course', 'stats-quiz', 'v1')).toEqual(kept);
	});
});

describe('pointBiserial', () => {
	it('is exact on sums too large for floating-point products', () => {
		// A million attempts of 100 questions: n·ΣT² is about 10^16, past 2^53.
		const n = 1_000_000;
		const item = analyseItem('big', {
			responses: n,
			correct: n / 2,
			sumTotal: 60 * (n / 2) + 40 * (n / 2),
			sumTotalSq: 3600 * (n / 2) + 1600 * (n / 2),
			sumTotalCorrect: 60 * (n / 2)
		});
		// Right answers all have total 60, wrong ones 40: rest scores 59 and 40, a perfect split.
		expect(item.discrimination).toBeCloseTo(1, 12);
		expect(
			pointBiserial({ responses: 0, correct: 0, sumTotal: 0, sumTotalSq: 0, sumTotalCorrect: 0 })
		).toBeNull();
	});
});
