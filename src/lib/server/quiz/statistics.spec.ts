import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Quiz } from '../content';
import { allQuestions } from '../content/quiz-schema';
import { testCourse, testQuiz } from '../content/test-content';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { openAttempt, submitAttempt } from './attempts';
import { parseLayout } from './layout';
import * as migration from '../db/migrations/2026-12-02-instructor-tools';
import { answerForm, formField } from './test-answers';
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

/** A quiz of single-choice questions q1, q2, … with options right, wrong A and wrong B. */
function fixtureQuiz(questions = QUESTIONS, draw?: number): Quiz {
	const course = testCourse({
		'01-c/01-m/01-a.quiz.yaml': stringify({
			id: 'stats-quiz',
			title: 'Statistics fixture',
			passingGrade: 60,
			...(draw === undefined ? {} : { draw }),
			questions: Array.from({ length: questions }, (_, q) => ({
				id: `q${q + 1}`,
				type: 'single',
				prompt: `Question ${q + 1}`,
				options: [
					{ id: `q${q + 1}-right`, text: 'Right', correct: true },
					{ id: `q${q + 1}-wrong-a`, text: 'Wrong A' },
					{ id: `q${q + 1}-wrong-b`, text: 'Wrong B' }
				],
				explanation: 'Because.'
			}))
		})
	});
	const quiz = course.lessons[0]?.quiz;
	if (!quiz) throw new Error('test setup: no quiz');
	return quiz;
}

/** Student s answers: right where RIGHT says so, else wrong A (even s) or wrong B (odd s). */
function chosenOption(q: number, s: number): string {
	if (RIGHT[q]![s]) return `q${q + 1}-right`;
	return s % 2 === 0 ? `q${q + 1}-wrong-a` : `q${q + 1}-wrong-b`;
}

async function submitFixture() {
	const quiz = fixtureQuiz();
	for (let s = 0; s < STUDENTS; s++) {
		const user = await createUser(db, {
			email: `s${s}@example.com`,
			name: `Student ${s}`,
			passwordHash: 'x'
		});
		const attempt = await openAttempt(db, user!.id, quiz);
		const layout = parseLayout(attempt);
		await submitAttempt(db, user!.id, attempt.id, quiz, (name) => {
			// Answers only: no "I'm unsure" marks (q1-unsure and so on).
			if (!/^q\d+$/.test(name)) return [];
			const index = Number(name.slice(1)) - 1;
			const entry = layout[index]!;
			const q = Number(entry.questionId.slice(1)) - 1;
			return [String(entry.optionIds.indexOf(chosenOption(q, s)) + 1)];
		});
	}
	return quiz;
}

describe('question statistics', () => {
	it('match facility and item-rest point-biserial values computed independently', async () => {
		const quiz = await submitFixture();
		const stats = await versionStatistics(db, quiz.courseId, quiz.id, quiz.version);

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
		const quiz = await submitFixture();
		const { items } = await versionStatistics(db, quiz.courseId, quiz.id, quiz.version);
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
		const quiz = await submitFixture();
		const stats = await versionStatistics(db, quiz.courseId, quiz.id, quiz.version);
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
		const quiz = await submitFixture();
		const [attempt] = await db.selectFrom('quiz_attempt').selectAll().limit(1).execute();
		await submitAttempt(db, attempt!.user_id, attempt!.id, quiz, () => ['1']);
		const stats = await versionStatistics(db, quiz.courseId, quiz.id, quiz.version);
		expect(stats.attempts).toBe(STUDENTS);
	});
});

describe('statistics of a quiz drawn from a pool', () => {
	it('count each question only over the attempts that showed it', async () => {
		const quiz = fixtureQuiz(6, 3);
		const ATTEMPTS = 30;
		// An arbitrary but fixed pattern of right answers, by student and question.
		const isRight = (s: number, q: number) => (s * 7 + q * 3) % 5 < 3 || (s % 4 === 0 && q < 2);
		const shownTo: { q: number; x: number; s: number }[] = [];
		const totals: number[] = [];
		for (let s = 0; s < ATTEMPTS; s++) {
			const user = await createUser(db, {
				email: `p${s}@example.com`,
				name: `Pool ${s}`,
				passwordHash: 'x'
			});
			const attempt = await openAttempt(db, user!.id, quiz);
			const layout = parseLayout(attempt);
			expect(layout).toHaveLength(3);
			totals[s] = 0;
			const form: Record<string, string[]> = {};
			layout.forEach((entry, index) => {
				const q = Number(entry.questionId.slice(1)) - 1;
				const x = isRight(s, q) ? 1 : 0;
				const chosen = x ? `q${q + 1}-right` : `q${q + 1}-wrong-a`;
				form[`q${index + 1}`] = [String(entry.optionIds.indexOf(chosen) + 1)];
				shownTo.push({ q, x, s });
				totals[s]! += x;
			});
			await submitAttempt(db, user!.id, attempt.id, quiz, formField(form));
		}

		const stats = await versionStatistics(db, quiz.courseId, quiz.id, quiz.version);
		const shownQuestions = [...new Set(shownTo.map((r) => r.q))].sort();
		expect(stats.items.map((i) => i.questionId).sort()).toEqual(
			shownQuestions.map((q) => `q${q + 1}`)
		);
		expect(stats.items.reduce((sum, i) => sum + i.responses, 0)).toBe(ATTEMPTS * 3);
		for (const q of shownQuestions) {
			const rows = shownTo.filter((r) => r.q === q);
			const xs = rows.map((r) => r.x);
			const rests = rows.map((r) => totals[r.s]! - r.x);
			const item = stats.items.find((i) => i.questionId === `q${q + 1}`)!;
			// Fewer answers than attempts: only those shown the question count.
			expect(item.responses).toBe(rows.length);
			expect(item.responses).toBeLessThan(ATTEMPTS);
			expect(item.facility).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 12);
			const r = pearson(xs, rests);
			if (Number.isFinite(r)) expect(item.discrimination).toBeCloseTo(r, 12);
			else expect(item.discrimination).toBeNull();
		}
	});
});

describe('statistics of every question type', () => {
	it('grade each type right or wrong, and count picks where a question lists choices', async () => {
		const { quiz } = testQuiz();
		for (const mode of ['right', 'wrong'] as const) {
			const user = await createUser(db, {
				email: `${mode}@example.com`,
				name: mode,
				passwordHash: 'x'
			});
			const attempt = await openAttempt(db, user!.id, quiz);
			await submitAttempt(
				db,
				user!.id,
				attempt.id,
				quiz,
				formField(answerForm(quiz, attempt, mode))
			);
		}
		const stats = await versionStatistics(db, quiz.courseId, quiz.id, quiz.version);
		const questions = allQuestions(quiz.definition);
		expect(stats.items).toHaveLength(questions.length);
		for (const question of questions) {
			const item = stats.items.find((i) => i.questionId === question.id)!;
			expect([item.responses, item.facility]).toEqual([2, 0.5]);
			const picks = Object.fromEntries(item.choices);
			switch (question.type) {
				case 'true-false':
					expect(picks).toEqual({ true: 1, false: 1 });
					break;
				case 'hotspot': {
					const right = question.regions.find((r) => r.correct)!.id;
					const wrong = question.regions.find((r) => !r.correct)!.id;
					expect(picks).toEqual({ [right]: 1, [wrong]: 1 });
					break;
				}
				case 'single': {
					const right = question.options.find((o) => o.correct)!.id;
					expect(picks[right]).toBe(1);
					expect(Object.values(picks).reduce((a, b) => a + b, 0)).toBe(2);
					break;
				}
				case 'multiple':
					expect(Object.keys(picks).length).toBeGreaterThan(0);
					break;
				default:
					// Matching, ordering, numbers and words list no choices to count.
					expect(picks).toEqual({});
			}
		}
	});
});

describe('the migration that adds statistics', () => {
	it('computes, from attempts already stored, what submissions keep up to date', async () => {
		const quiz = await submitFixture();
		const kept = await versionStatistics(db, quiz.courseId, quiz.id, quiz.version);

		await migration.down(db);
		await migration.up(db);

		expect(await versionStatistics(db, quiz.courseId, quiz.id, quiz.version)).toEqual(kept);
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
