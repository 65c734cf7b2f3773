import type { Database } from '../db';

/**
 * Question statistics per quiz version, kept as running sums that every submission adds to in its
 * own transaction. From them follow, per question, the facility index (share of answers right) and
 * the discrimination index: the point-biserial correlation between answering the question right
 * and the rest of the score (the attempt's total minus this question), so a question does not
 * correlate with itself. Reading costs one row per question however many attempts there are,
 * so the statistics page never holds the single database connection for long.
 *
 * Only a per-response "correct" flag and, where a question has options, the ids chosen are needed:
 * any question type that grades to right or wrong plugs in.
 */

export interface ScoredAttempt {
	course_id: string;
	quiz_id: string;
	quiz_version: string;
	/** Questions answered right: the attempt's total. */
	correct_count: number;
	score: number;
	passed: number;
}

export interface ScoredResponse {
	questionId: string;
	correct: boolean;
	/** The options chosen, for questions that have options; empty for other types. */
	choiceIds: readonly string[];
}

/** Adds one submitted attempt to its version's statistics. Call inside the submission's transaction. */
export async function recordAttemptStatistics(
	db: Database,
	attempt: ScoredAttempt,
	responses: readonly ScoredResponse[]
): Promise<void> {
	const key = {
		course_id: attempt.course_id,
		quiz_id: attempt.quiz_id,
		quiz_version: attempt.quiz_version
	};
	const total = attempt.correct_count;
	if (responses.length > 0) {
		await db
			.insertInto('quiz_item_stat')
			.values(
				responses.map((r) => ({
					...key,
					question_id: r.questionId,
					responses: 1,
					correct: r.correct ? 1 : 0,
					sum_total: total,
					sum_total_sq: total * total,
					sum_total_correct: r.correct ? total : 0
				}))
			)
			.onConflict((oc) =>
				oc.columns(['course_id', 'quiz_id', 'quiz_version', 'question_id']).doUpdateSet((eb) => ({
					responses: eb('quiz_item_stat.responses', '+', eb.ref('excluded.responses')),
					correct: eb('quiz_item_stat.correct', '+', eb.ref('excluded.correct')),
					sum_total: eb('quiz_item_stat.sum_total', '+', eb.ref('excluded.sum_total')),
					sum_total_sq: eb('quiz_item_stat.sum_total_sq', '+', eb.ref('excluded.sum_total_sq')),
					sum_total_correct: eb(
						'quiz_item_stat.sum_total_correct',
						'+',
						eb.ref('excluded.sum_total_correct')
					)
				}))
			)
			.execute();
	}
	const choices = responses.flatMap((r) =>
		[...new Set(r.choiceIds)].map((choice_id) => ({
			...key,
			question_id: r.questionId,
			choice_id,
			chosen: 1
		}))
	);
	if (choices.length > 0) {
		await db
			.insertInto('quiz_choice_stat')
			.values(choices)
			.onConflict((oc) =>
				oc
					.columns(['course_id', 'quiz_id', 'quiz_version', 'question_id', 'choice_id'])
					.doUpdateSet((eb) => ({ chosen: eb('quiz_choice_stat.chosen', '+', 1) }))
			)
			.execute();
	}
	await db
		.insertInto('quiz_score_stat')
		.values({ ...key, score: attempt.score, passed: attempt.passed, attempts: 1 })
		.onConflict((oc) =>
			oc
				.columns(['course_id', 'quiz_id', 'quiz_version', 'score', 'passed'])
				.doUpdateSet((eb) => ({ attempts: eb('quiz_score_stat.attempts', '+', 1) }))
		)
		.execute();
}

/** The running sums of one question (see the table quiz_item_stat). */
export interface ItemSums {
	responses: number;
	correct: number;
	sumTotal: number;
	sumTotalSq: number;
	sumTotalCorrect: number;
}

/**
 * The point-biserial correlation of the item (x: 1 right, 0 wrong) with the rest score
 * R = T - x, from sums over the n attempts that answered it. With Σx = Σx² = c, ΣT = S, ΣT² = Q
 * and ΣxT = P:  ΣR = S - c,  ΣR² = Q - 2P + c,  ΣxR = P - c, and
 *   r = (nΣxR - ΣxΣR) / √((nΣx² - (Σx)²)(nΣR² - (ΣR)²)).
 * Integer parts are exact (BigInt); null when either side does not vary (everyone right, or
 * everyone with the same rest score), where a correlation is undefined.
 */
export function pointBiserial(sums: ItemSums): number | null {
	const n = BigInt(sums.responses);
	const c = BigInt(sums.correct);
	const S = BigInt(sums.sumTotal);
	const Q = BigInt(sums.sumTotalSq);
	const P = BigInt(sums.sumTotalCorrect);
	const restSum = S - c;
	const covariance = n * (P - c) - c * restSum;
	const varianceItem = n * c - c * c;
	const varianceRest = n * (Q - 2n * P + c) - restSum * restSum;
	if (varianceItem <= 0n || varianceRest <= 0n) return null;
	return Number(covariance) / Math.sqrt(Number(varianceItem) * Number(varianceRest));
}

export const VERY_EASY = 0.9;
export const VERY_HARD = 0.2;

export type ItemFlag = 'very-easy' | 'very-hard' | 'negative-discrimination';

export interface ItemAnalysis {
	questionId: string;
	responses: number;
	/** Share answered right, 0..1. */
	facility: number;
	/** Point-biserial with the rest score, -1..1; null when undefined. */
	discrimination: number | null;
	flags: ItemFlag[];
	/** How often each option was chosen, by option id. */
	choices: Map<string, number>;
}

export function analyseItem(
	questionId: string,
	sums: ItemSums,
	choices: Map<string, number> = new Map()
): ItemAnalysis {
	const facility = sums.responses === 0 ? 0 : sums.correct / sums.responses;
	const discrimination = pointBiserial(sums);
	const flags: ItemFlag[] = [];
	if (sums.responses > 0 && facility > VERY_EASY) flags.push('very-easy');
	if (sums.responses > 0 && facility < VERY_HARD) flags.push('very-hard');
	if (discrimination !== null && discrimination < 0) flags.push('negative-discrimination');
	return { questionId, responses: sums.responses, facility, discrimination, flags, choices };
}

/**
 * How much a question needs looking at, for "worst first": a negative discrimination outweighs
 * everything, then distance beyond the easy and hard limits. Zero for an unflagged question.
 */
export function concern(item: ItemAnalysis): number {
	let value = 0;
	if (item.discrimination !== null && item.discrimination < 0) value += 1 - item.discrimination;
	if (item.facility > VERY_EASY) value += item.facility - VERY_EASY;
	if (item.facility < VERY_HARD) value += VERY_HARD - item.facility;
	return value;
}

export interface VersionStatistics {
	attempts: number;
	passed: number;
	items: ItemAnalysis[];
	/** Attempts per score (percent). */
	scores: { score: number; attempts: number }[];
}

export async function versionStatistics(
	db: Database,
	courseId: string,
	quizId: string,
	version: string
): Promise<VersionStatistics> {
	const [items, choices, scores] = await Promise.all([
		db
			.selectFrom('quiz_item_stat')
			.selectAll()
			.where('course_id', '=', courseId)
			.where('quiz_id', '=', quizId)
			.where('quiz_version', '=', version)
			.execute(),
		db
			.selectFrom('quiz_choice_stat')
			.select(['question_id', 'choice_id', 'chosen'])
			.where('course_id', '=', courseId)
			.where('quiz_id', '=', quizId)
			.where('quiz_version', '=', version)
			.execute(),
		db
			.selectFrom('quiz_score_stat')
			.select(['score', 'passed', 'attempts'])
			.where('course_id', '=', courseId)
			.where('quiz_id', '=', quizId)
			.where('quiz_version', '=', version)
			.orderBy('score')
			.execute()
	]);
	const byScore = new Map<number, number>();
	for (const s of scores) byScore.set(s.score, (byScore.get(s.score) ?? 0) + s.attempts);
	return {
		attempts: scores.reduce((sum, s) => sum + s.attempts, 0),
		passed: scores.reduce((sum, s) => sum + (s.passed === 1 ? s.attempts : 0), 0),
		items: items.map((i) =>
			analyseItem(
				i.question_id,
				{
					responses: i.responses,
					correct: i.correct,
					sumTotal: i.sum_total,
					sumTotalSq: i.sum_total_sq,
					sumTotalCorrect: i.sum_total_correct
				},
				new Map(
					choices.filter((c) => c.question_id === i.question_id).map((c) => [c.choice_id, c.chosen])
				)
			)
		),
		scores: [...byScore].map(([score, attempts]) => ({ score, attempts }))
	};
}

export interface QuizVersionSummary {
	version: string;
	attempts: number;
	passed: number;
}

/** Every version of a quiz that has submitted attempts, with its counts. */
export async function quizVersionSummaries(
	db: Database,
	courseId: string,
	quizId: string
): Promise<QuizVersionSummary[]> {
	const rows = await db
		.selectFrom('quiz_score_stat')
		.select(['quiz_version', 'passed', 'attempts'])
		.where('course_id', '=', courseId)
		.where('quiz_id', '=', quizId)
		.execute();
	const byVersion = new Map<string, QuizVersionSummary>();
	for (const r of rows) {
		const v = byVersion.get(r.quiz_version) ?? { version: r.quiz_version, attempts: 0, passed: 0 };
		v.attempts += r.attempts;
		if (r.passed === 1) v.passed += r.attempts;
		byVersion.set(r.quiz_version, v);
	}
	return [...byVersion.values()];
}

/** Submitted and passed attempts per quiz of each course, across versions. */
export async function attemptCountsByCourse(
	db: Database,
	courseIds: readonly string[]
): Promise<Map<string, { attempts: number; passed: number }>> {
	const out = new Map<string, { attempts: number; passed: number }>();
	if (courseIds.length === 0) return out;
	const rows = await db
		.selectFrom('quiz_score_stat')
		.select(['course_id', 'passed', (eb) => eb.fn.sum<number>('attempts').as('attempts')])
		.where('course_id', 'in', courseIds)
		.groupBy(['course_id', 'passed'])
		.execute();
	for (const r of rows) {
		const counts = out.get(r.course_id) ?? { attempts: 0, passed: 0 };
		counts.attempts += Number(r.attempts);
		if (r.passed === 1) counts.passed += Number(r.attempts);
		out.set(r.course_id, counts);
	}
	return out;
}
