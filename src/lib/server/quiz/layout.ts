import type { QuizAttempt } from '../db/schema';
import { allQuestions, type Question, type QuizDefinition } from '../content/quiz-schema';
import { distractorKey } from './grading';

/**
 * Exactly what one attempt showed, stored with it (`quiz_attempt.layout`, JSON): the questions
 * drawn, in order, and the order of everything shuffled. Attempts made before other question
 * types existed stored `{ questionId, optionIds }` entries, which read the same.
 */
export interface LayoutEntry {
	questionId: string;
	/**
	 * In the order shown: option ids (single, multiple), `true`/`false` (true-false), right-hand
	 * choice keys (matching: pair ids and `distractor:N`), item ids (ordering), region ids
	 * (hotspot); empty for numeric and short-text.
	 */
	optionIds: string[];
	/** Matching: the pair ids of the left-hand rows, in the order shown. */
	rowIds?: string[];
	/** The case group the question was shown in. */
	caseId?: string;
}
export type AttemptLayout = LayoutEntry[];

export function parseLayout(attempt: Pick<QuizAttempt, 'layout'>): AttemptLayout {
	return JSON.parse(attempt.layout) as AttemptLayout;
}

export type Random = (below: number) => number;

/** A uniformly random integer in [0, below), from the system's secure generator. */
export const secureRandom: Random = (below) =>
	crypto.getRandomValues(new Uint32Array(1))[0]! % below;

export function shuffled<T>(items: readonly T[], random: Random = secureRandom): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = random(i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

/**
 * A new attempt's layout: `draw` items picked at random when the quiz is a pool (a case group
 * counts as one and comes whole), kept in the authored order, with every list shuffled.
 */
export function drawLayout(
	definition: QuizDefinition,
	random: Random = secureRandom
): AttemptLayout {
	const items = definition.questions;
	const picked =
		definition.draw === undefined
			? items
			: new Set(shuffled(items, random).slice(0, definition.draw));
	return items
		.filter((item) => (picked instanceof Set ? picked.has(item) : true))
		.flatMap((item) =>
			item.type === 'case'
				? item.questions.map((q) => ({ ...entryFor(q, random), caseId: item.id }))
				: [entryFor(item, random)]
		);
}

/** How one question is shown: its lists shuffled (the review shows questions one at a time). */
export function entryFor(question: Question, random: Random = secureRandom): LayoutEntry {
	const questionId = question.id;
	switch (question.type) {
		case 'single':
		case 'multiple':
			return {
				questionId,
				optionIds: shuffled(
					question.options.map((o) => o.id),
					random
				)
			};
		case 'true-false':
			return { questionId, optionIds: ['true', 'false'] };
		case 'matching':
			return {
				questionId,
				rowIds: shuffled(
					question.pairs.map((p) => p.id),
					random
				),
				optionIds: shuffled(
					[
						...question.pairs.map((p) => p.id),
						...question.distractors.map((_, i) => distractorKey(i))
					],
					random
				)
			};
		case 'ordering': {
			// Shown in the authored order, the answer would be on the page.
			const ids = question.items.map((i) => i.id);
			const order = shuffled(ids, random);
			const unchanged = order.every((id, i) => id === ids[i]);
			return { questionId, optionIds: unchanged ? [...ids.slice(1), ids[0]!] : order };
		}
		case 'hotspot':
			return {
				questionId,
				optionIds: shuffled(
					question.regions.map((r) => r.id),
					random
				)
			};
		case 'numeric':
		case 'short-text':
			return { questionId, optionIds: [] };
	}
}

/** The questions of a layout, in the order shown, from the definition it was drawn from. */
export function questionsOf(
	definition: QuizDefinition,
	layout: AttemptLayout
): Question[] | undefined {
	const byId = new Map(allQuestions(definition).map((q) => [q.id, q]));
	const questions = layout.map((entry) => byId.get(entry.questionId));
	return questions.every((q) => q !== undefined) ? questions : undefined;
}

/** How many questions an attempt at this quiz shows. */
export function questionCount(definition: QuizDefinition): number {
	if (definition.draw === undefined) return allQuestions(definition).length;
	// A pool of cases of different sizes shows a different count each time: the most it can show.
	const sizes = definition.questions
		.map((item) => (item.type === 'case' ? item.questions.length : 1))
		.sort((a, b) => b - a);
	return sizes.slice(0, definition.draw).reduce((sum, n) => sum + n, 0);
}
