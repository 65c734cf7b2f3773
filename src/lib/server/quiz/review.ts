import type { ReviewedItem, ReviewedQuestion } from '$lib/quiz/types';
import type { Question, QuizDefinition } from '../content/quiz-schema';
import { regionOf, type Answer } from './grading';
import type { AttemptLayout, LayoutEntry } from './layout';
import { groupByCase, hotspotImage, rightText, type ImageResolver } from './present';

export interface StoredResponse {
	answer: Answer;
	correct: boolean;
}

/**
 * The review of a submitted attempt, against the quiz version it was taken on: every question
 * as shown, what the student answered, the key, the explanation and any feedback.
 */
export function reviewAttemptLayout(
	definition: QuizDefinition,
	layout: AttemptLayout,
	responses: ReadonlyMap<string, StoredResponse>,
	images: ImageResolver
): ReviewedItem[] {
	return groupByCase(definition, layout, (entry, question, number) => {
		const response = responses.get(question.id);
		return review(question, entry, number, response, images);
	});
}

function review(
	question: Question,
	entry: LayoutEntry,
	number: number,
	response: StoredResponse | undefined,
	images: ImageResolver
): ReviewedQuestion {
	const base = {
		number,
		prompt: question.prompt,
		correct: response?.correct ?? false,
		explanation: question.explanation
	};
	const answer = response?.answer;
	switch (question.type) {
		case 'single':
		case 'multiple': {
			const chosen = new Set(answer && 'optionIds' in answer ? answer.optionIds : []);
			return {
				...base,
				type: question.type,
				options: entry.optionIds.flatMap((id) => {
					const option = question.options.find((o) => o.id === id);
					if (!option) return [];
					return [
						{
							text: option.text,
							chosen: chosen.has(id),
							correct: option.correct,
							feedback: chosen.has(id) ? (option.feedback ?? null) : null
						}
					];
				})
			};
		}
		case 'true-false': {
			const given = answer?.type === 'true-false' ? answer.value : undefined;
			return {
				...base,
				type: 'true-false',
				options: [true, false].map((value) => ({
					text: value ? 'True' : 'False',
					chosen: given === value,
					correct: question.answer === value,
					feedback: null
				}))
			};
		}
		case 'matching': {
			const matches = answer?.type === 'matching' ? answer.matches : {};
			return {
				...base,
				type: 'matching',
				rows: (entry.rowIds ?? question.pairs.map((p) => p.id)).flatMap((id) => {
					const pair = question.pairs.find((p) => p.id === id);
					if (!pair) return [];
					const key = matches[id];
					const right = key === pair.id;
					return [
						{
							left: pair.left,
							chosen: key === undefined ? null : rightText(question, key),
							answer: pair.right,
							correct: right,
							feedback: right ? null : (pair.feedback ?? null)
						}
					];
				})
			};
		}
		case 'ordering': {
			const given = answer?.type === 'ordering' ? answer.itemIds : [];
			return {
				...base,
				type: 'ordering',
				items: question.items.map((item) => {
					const position = given.indexOf(item.id);
					return { text: item.text, given: position === -1 ? null : position + 1 };
				})
			};
		}
		case 'numeric':
			return {
				...base,
				type: 'numeric',
				given: answer?.type === 'numeric' ? String(answer.value) : '',
				answer: question.answer,
				tolerance: question.tolerance,
				unit: question.unit ?? null
			};
		case 'short-text':
			return {
				...base,
				type: 'short-text',
				given: answer?.type === 'short-text' ? answer.text : '',
				accepted: question.accept
			};
		case 'hotspot': {
			const landed = answer?.type === 'hotspot' ? regionOf(question, answer) : undefined;
			return {
				...base,
				type: 'hotspot',
				image: hotspotImage(question, images),
				point: answer?.type === 'hotspot' && 'point' in answer ? answer.point : null,
				chosen: landed?.label ?? null,
				regions: question.regions.map((r) => ({
					label: r.label,
					polygon: r.polygon,
					correct: r.correct,
					chosen: r === landed,
					feedback: r === landed ? (r.feedback ?? null) : null
				}))
			};
		}
	}
}
