import type { Quiz } from '../content';
import type { QuizDefinition } from '../content/quiz-schema';
import type { QuizAttempt } from '../db/schema';
import { parseLayout, questionsOf } from './layout';
import type { FormField } from './submission';

// For specs: the quiz form a student sends, built from an attempt's stored layout the way the
// page shows it (positions, not ids).

export type FormAnswers = Record<string, string[]>;

export const formField =
	(answers: FormAnswers): FormField =>
	(name) =>
		answers[name] ?? [];

/**
 * Every question answered right (hotspots by a click inside the correct region, or by choosing
 * it from the list) or wrong (a wrong choice everywhere, off by one in numbers).
 */
export function answerForm(
	quiz: Pick<Quiz, 'definition'> | QuizDefinition,
	attempt: QuizAttempt,
	mode: 'right' | 'wrong',
	hotspot: 'click' | 'list' = 'click'
): FormAnswers {
	const definition = 'definition' in quiz ? quiz.definition : quiz;
	const layout = parseLayout(attempt);
	const questions = questionsOf(definition, layout)!;
	const form: FormAnswers = {};
	const position = (ids: string[], id: string) => String(ids.indexOf(id) + 1);
	layout.forEach((entry, index) => {
		const name = `q${index + 1}`;
		const q = questions[index]!;
		const right = mode === 'right';
		switch (q.type) {
			case 'single':
			case 'multiple': {
				const wanted = q.options.filter((o) => o.correct === right).map((o) => o.id);
				form[name] = (right ? wanted : wanted.slice(0, 1)).map((id) =>
					position(entry.optionIds, id)
				);
				break;
			}
			case 'true-false':
				form[name] = [position(entry.optionIds, String(right ? q.answer : !q.answer))];
				break;
			case 'matching':
				(entry.rowIds ?? []).forEach((rowId, r) => {
					// Wrong: every row takes the next row's match.
					const key = right ? rowId : entry.rowIds![(r + 1) % entry.rowIds!.length]!;
					form[`${name}-${r + 1}`] = [position(entry.optionIds, key)];
				});
				break;
			case 'ordering':
				entry.optionIds.forEach((id, i) => {
					const place = q.items.findIndex((item) => item.id === id) + 1;
					form[`${name}-${i + 1}`] = [String(right ? place : q.items.length + 1 - place)];
				});
				break;
			case 'numeric':
				form[name] = [String(right ? q.answer : q.answer + q.tolerance + 1)];
				break;
			case 'short-text':
				form[name] = [right ? (q.accept[0] ?? '') : 'not the answer'];
				break;
			case 'hotspot': {
				const region = q.regions.find((r) => r.correct === right)!;
				if (hotspot === 'list') {
					form[name] = [position(entry.optionIds, region.id)];
				} else {
					const [x, y] = centroid(region.polygon);
					form[`${name}-x`] = [String(x)];
					form[`${name}-y`] = [String(y)];
				}
				break;
			}
		}
	});
	return form;
}

/** The average of a polygon's corners: inside any convex polygon. */
export function centroid(polygon: readonly (readonly [number, number])[]): [number, number] {
	const sum = polygon.reduce(([sx, sy], [x, y]) => [sx + x, sy + y], [0, 0]);
	return [sum[0] / polygon.length, sum[1] / polygon.length];
}
