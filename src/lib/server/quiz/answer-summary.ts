import type { Question } from '../content/quiz-schema';
import { distractorKey, regionOf, type Answer } from './grading';

/**
 * Answers in the terms instructors read them: which of a question's listed choices were picked
 * (for the per-option counts of the statistics) and an answer written out in words (for a
 * student's record and the responses export). Server-only: the key is part of what they show.
 */

export interface ListedChoice {
	id: string;
	text: string;
	correct: boolean;
}

/**
 * The choices a question lists, whose picks are counted: options, True and False, the regions
 * of a hotspot. Matching, ordering, numeric and short-text questions list none; their figures
 * are the facility and discrimination alone.
 */
export function listedChoices(question: Question): ListedChoice[] {
	switch (question.type) {
		case 'single':
		case 'multiple':
			return question.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct }));
		case 'true-false':
			return [
				{ id: 'true', text: 'True', correct: question.answer },
				{ id: 'false', text: 'False', correct: !question.answer }
			];
		case 'hotspot':
			return question.regions.map((r) => ({ id: r.id, text: r.label, correct: r.correct }));
		default:
			return [];
	}
}

/** The ids among `listedChoices` that an answer picked (a click counts for the region it hit). */
export function pickedChoiceIds(question: Question, answer: Answer | undefined): string[] {
	if (!answer) return [];
	if (answer.type === 'single' || answer.type === 'multiple') {
		return question.type === 'single' || question.type === 'multiple'
			? [...new Set(answer.optionIds)]
			: [];
	}
	if (answer.type === 'true-false') {
		return question.type === 'true-false' ? [`${answer.value}`] : [];
	}
	if (answer.type === 'hotspot' && question.type === 'hotspot') {
		const region = regionOf(question, answer);
		return region ? [region.id] : [];
	}
	return [];
}

/** An answer in words, e.g. "Trapezius; Levator scapulae" or "Psoas → hip flexion". */
export function describeAnswer(question: Question | undefined, answer: Answer): string {
	switch (answer.type) {
		case 'single':
		case 'multiple': {
			const options = question?.type === answer.type ? question.options : [];
			return answer.optionIds.map((id) => options.find((o) => o.id === id)?.text ?? id).join('; ');
		}
		case 'true-false':
			return answer.value ? 'True' : 'False';
		case 'matching': {
			const pairs = question?.type === 'matching' ? question.pairs : [];
			const distractors = question?.type === 'matching' ? question.distractors : [];
			const right = (key: string) =>
				pairs.find((p) => p.id === key)?.right ??
				distractors.find((_, i) => distractorKey(i) === key) ??
				key;
			return Object.entries(answer.matches)
				.map(([left, key]) => `${pairs.find((p) => p.id === left)?.left ?? left} → ${right(key)}`)
				.join('; ');
		}
		case 'ordering': {
			const items = question?.type === 'ordering' ? question.items : [];
			return answer.itemIds.map((id) => items.find((i) => i.id === id)?.text ?? id).join(' › ');
		}
		case 'numeric':
			return question?.type === 'numeric' && question.unit
				? `${answer.value} ${question.unit}`
				: `${answer.value}`;
		case 'short-text':
			return answer.text;
		case 'hotspot': {
			if (question?.type !== 'hotspot') {
				return 'regionId' in answer ? answer.regionId : answer.point.join(', ');
			}
			const region = regionOf(question, answer);
			const where = 'point' in answer ? `a click at (${answer.point.join(', ')})` : 'chosen';
			return region ? `${region.label} (${where})` : `outside every region (${where})`;
		}
	}
}

/** The right answer in words. */
export function describeKey(question: Question): string {
	switch (question.type) {
		case 'single':
		case 'multiple':
		case 'true-false':
		case 'hotspot':
			return listedChoices(question)
				.filter((c) => c.correct)
				.map((c) => c.text)
				.join('; ');
		case 'matching':
			return question.pairs.map((p) => `${p.left} → ${p.right}`).join('; ');
		case 'ordering':
			return question.items.map((i) => i.text).join(' › ');
		case 'numeric': {
			const unit = question.unit ? ` ${question.unit}` : '';
			return question.tolerance > 0
				? `${question.answer}${unit} (± ${question.tolerance})`
				: `${question.answer}${unit}`;
		}
		case 'short-text':
			return question.accept.length > 0 ? question.accept.join('; ') : 'matching the pattern';
	}
}
