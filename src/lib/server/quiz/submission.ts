import type { Question } from '../content/quiz-schema';
import type { Answer } from './grading';
import type { AttemptLayout, LayoutEntry } from './layout';

/** Input a person must fix: answered with 400 and the message, and the form kept. */
export class QuizInputError extends Error {}
/** The refusal of a form with questions left unanswered. */
export class UnansweredError extends QuizInputError {}

export type FormField = (name: string) => string[];

const MAX_TEXT = 500;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads a submitted quiz form back into answers in terms of ids, through the layout the attempt
 * stored: position 2 of question 3 means whatever this attempt showed second. Refuses, with a
 * message naming the question, anything a person must fix: an unanswered or unfinished
 * question, a position that was never shown, a number that is not one.
 */
export function readAnswers(
	layout: AttemptLayout,
	questions: readonly Question[],
	field: FormField
): Map<string, Answer> {
	const answers = new Map<string, Answer>();
	const unanswered: number[] = [];
	layout.forEach((entry, index) => {
		const answer = readAnswer(entry, questions[index]!, index + 1, field);
		if (answer) answers.set(entry.questionId, answer);
		else unanswered.push(index + 1);
	});
	if (unanswered.length > 0) {
		const which = unanswered.length > 1 ? 'questions' : 'question';
		throw new UnansweredError(
			`Answer every question before submitting (not yet answered: ${which} ${unanswered.join(', ')}).`
		);
	}
	return answers;
}

/**
 * The ids of the questions the student ticked "I'm unsure" beside (`q3-unsure`). The flag goes
 * to the spaced review and never into the grade.
 */
export function readUnsure(layout: AttemptLayout, field: FormField): Set<string> {
	return new Set(
		layout
			.filter((_, index) => field(unsureField(`q${index + 1}`)).length > 0)
			.map((entry) => entry.questionId)
	);
}

/** The form field of the "I'm unsure" checkbox of the question whose field is `name`. */
export function unsureField(name: string): string {
	return `${name}-unsure`;
}

function readAnswer(
	entry: LayoutEntry,
	question: Question,
	number: number,
	field: FormField
): Answer | undefined {
	const name = `q${number}`;
	const problem = (message: string) => new QuizInputError(`Question ${number}: ${message}`);
	/** The id shown at a 1-based position, or a refusal for a position never shown. */
	const at = (ids: readonly string[], value: string) => {
		const position = Number(value);
		const id = Number.isInteger(position) ? ids[position - 1] : undefined;
		if (id === undefined) throw problem('that answer is not one of the choices. Reload the page.');
		return id;
	};
	const one = (values: string[]) => {
		if (values.length > 1) throw problem('choose only one answer.');
		return values[0];
	};

	switch (question.type) {
		case 'single':
		case 'multiple': {
			const values = field(name);
			if (values.length === 0) return undefined;
			if (question.type === 'single') one(values);
			return {
				type: question.type,
				optionIds: [...new Set(values.map((v) => at(entry.optionIds, v)))]
			};
		}
		case 'true-false': {
			const value = one(field(name));
			return value === undefined
				? undefined
				: { type: 'true-false', value: at(entry.optionIds, value) === 'true' };
		}
		case 'matching': {
			const rows = entry.rowIds ?? [];
			const chosen = rows.map((_, i) => one(field(`${name}-${i + 1}`)) ?? '');
			// A matching with rows left open is unfinished: asked for again, never graded half-done.
			if (chosen.some((value) => value === '')) return undefined;
			return {
				type: 'matching',
				matches: Object.fromEntries(
					rows.map((rowId, i) => [rowId, at(entry.optionIds, chosen[i]!)])
				)
			};
		}
		case 'ordering': {
			const given = entry.optionIds.map((_, i) => one(field(`${name}-${i + 1}`)) ?? '');
			if (given.some((value) => value === '')) return undefined;
			const positions = given.map((value) => {
				const position = Number(value);
				if (!Number.isInteger(position) || position < 1 || position > given.length) {
					throw problem(`give each item a position from 1 to ${given.length}.`);
				}
				return position;
			});
			const twice = positions.find((p, i) => positions.indexOf(p) !== i);
			if (twice !== undefined) {
				throw problem(`give each item its own position (${twice} is used twice).`);
			}
			const itemIds: string[] = [];
			positions.forEach((position, i) => (itemIds[position - 1] = entry.optionIds[i]!));
			return { type: 'ordering', itemIds };
		}
		case 'numeric': {
			const text = (one(field(name)) ?? '').trim();
			if (text === '') return undefined;
			if (text.length > 50 || !NUMBER.test(text)) {
				throw problem('enter a number, such as 3 or 2.5.');
			}
			return { type: 'numeric', value: Number(text) };
		}
		case 'short-text': {
			const text = (one(field(name)) ?? '').trim();
			if (text === '') return undefined;
			if (text.length > MAX_TEXT) throw problem(`keep the answer under ${MAX_TEXT} characters.`);
			return { type: 'short-text', text };
		}
		case 'hotspot': {
			const [x, y] = [one(field(`${name}-x`)) ?? '', one(field(`${name}-y`)) ?? ''];
			// A click on the image (JavaScript) wins over the list; the page clears one for the other.
			if (x !== '' && y !== '') {
				const [px, py] = [Number(x), Number(y)];
				const onImage = px >= 0 && py >= 0 && px <= question.width && py <= question.height;
				if (!onImage) throw problem('the point marked is not on the image. Mark it again.');
				return { type: 'hotspot', point: [px, py] };
			}
			const value = one(field(name));
			return value === undefined
				? undefined
				: { type: 'hotspot', regionId: at(entry.optionIds, value) };
		}
	}
}
