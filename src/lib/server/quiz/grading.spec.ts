import { describe, expect, it } from 'vitest';
import { allQuestions, type Question, type QuestionType } from '../content/quiz-schema';
import { testQuiz } from '../content/test-content';
import { inPolygon } from './geometry';
import { distractorKey, gradeQuiz, isCorrect, parseStoredAnswer, type Answer } from './grading';

const questions = allQuestions(testQuiz().quiz);

function question<T extends QuestionType>(type: T, index = 0): Extract<Question, { type: T }> {
	const found = questions.filter((q): q is Extract<Question, { type: T }> => q.type === type)[
		index
	];
	if (!found) throw new Error(`test setup: no ${type} question`);
	return found;
}

describe('isCorrect', () => {
	it('grades a single choice by its one correct option', () => {
		const q = question('single');
		const answer = (...optionIds: string[]): Answer => ({ type: 'single', optionIds });

		expect(isCorrect(q, answer('single-subjective'))).toBe(true);
		expect(isCorrect(q, answer('single-objective'))).toBe(false);
		expect(isCorrect(q, answer('single-subjective', 'single-objective'))).toBe(false);
		expect(isCorrect(q, answer())).toBe(false);
		expect(isCorrect(q, answer('not-an-option'))).toBe(false);
	});

	it('grades a multiple select all or nothing: a partial selection is wrong', () => {
		const q = question('multiple');
		const answer = (...optionIds: string[]): Answer => ({ type: 'multiple', optionIds });

		expect(isCorrect(q, answer('multi-friction', 'multi-release'))).toBe(true);
		expect(isCorrect(q, answer('multi-release', 'multi-friction'))).toBe(true);
		expect(isCorrect(q, answer('multi-friction'))).toBe(false);
		expect(isCorrect(q, answer('multi-friction', 'multi-release', 'multi-charting'))).toBe(false);
		expect(isCorrect(q, answer('multi-charting'))).toBe(false);
	});

	it('grades true or false', () => {
		const q = question('true-false');

		expect(isCorrect(q, { type: 'true-false', value: false })).toBe(true);
		expect(isCorrect(q, { type: 'true-false', value: true })).toBe(false);
	});

	it('grades a matching only when every pair is matched: two of three is wrong', () => {
		const q = question('matching');
		const all = { 'pair-pain': 'pair-pain', 'pair-rom': 'pair-rom', 'pair-next': 'pair-next' };

		expect(isCorrect(q, { type: 'matching', matches: all })).toBe(true);
		expect(
			isCorrect(q, { type: 'matching', matches: { ...all, 'pair-next': distractorKey(0) } })
		).toBe(false);
		expect(
			isCorrect(q, {
				type: 'matching',
				matches: { ...all, 'pair-rom': 'pair-next', 'pair-next': 'pair-rom' }
			})
		).toBe(false);
		expect(isCorrect(q, { type: 'matching', matches: { 'pair-pain': 'pair-pain' } })).toBe(false);
	});

	it('grades an ordering only in the exact order: one swap is wrong', () => {
		const q = question('ordering');
		const order = (...itemIds: string[]): Answer => ({ type: 'ordering', itemIds });

		expect(isCorrect(q, order('step-stop', 'step-refer', 'step-document'))).toBe(true);
		expect(isCorrect(q, order('step-refer', 'step-stop', 'step-document'))).toBe(false);
		expect(isCorrect(q, order('step-stop', 'step-refer'))).toBe(false);
	});

	it('grades a number within the tolerance, edges included', () => {
		// The answer is 3 with a tolerance of 0.5.
		const q = question('numeric');
		const value = (n: number) => isCorrect(q, { type: 'numeric', value: n });

		expect(value(3)).toBe(true);
		expect(value(2.5)).toBe(true);
		expect(value(3.5)).toBe(true);
		expect(value(2.49)).toBe(false);
		expect(value(3.51)).toBe(false);
		expect(value(Number.NaN)).toBe(false);
	});

	it('grades an exact number with no tolerance, and survives floating-point edges', () => {
		// The case's numeric question: 4 units, no tolerance.
		const exact = question('numeric', 1);
		expect(isCorrect(exact, { type: 'numeric', value: 4 })).toBe(true);
		expect(isCorrect(exact, { type: 'numeric', value: 4.000001 })).toBe(false);

		const tenths: Question = { ...question('numeric'), answer: 0.3, tolerance: 0.1 };
		expect(isCorrect(tenths, { type: 'numeric', value: 0.1 + 0.3 })).toBe(true);
		expect(isCorrect(tenths, { type: 'numeric', value: 0.2 })).toBe(true);
		expect(isCorrect(tenths, { type: 'numeric', value: 0.41 })).toBe(false);
	});

	it('grades a short text against the accepted answers and the whole-answer pattern', () => {
		// accept: ['97124'], pattern: 'cpt\s*97124'
		const q = question('short-text');
		const text = (t: string) => isCorrect(q, { type: 'short-text', text: t });

		expect(text('97124')).toBe(true);
		expect(text('  97124 ')).toBe(true);
		expect(text('CPT 97124')).toBe(true);
		expect(text('cpt97124')).toBe(true);
		expect(text('97140')).toBe(false);
		expect(text('not 97124')).toBe(false);
		expect(text('CPT 97124 or 97140')).toBe(false);
	});

	it('grades a hotspot by the region the point or the choice falls in', () => {
		// The knee is the square 150–190 × 580–620 and correct; the calf is 150–190 × 640–700.
		const q = question('hotspot');
		const point = (x: number, y: number) => isCorrect(q, { type: 'hotspot', point: [x, y] });

		expect(point(170, 600)).toBe(true);
		expect(point(150, 600)).toBe(true); // on the left edge
		expect(point(190, 620)).toBe(true); // on a corner
		expect(point(149.9, 600)).toBe(false); // just outside
		expect(point(170, 620.1)).toBe(false);
		expect(point(170, 660)).toBe(false); // in the wrong region
		expect(point(10, 10)).toBe(false); // in no region
		expect(isCorrect(q, { type: 'hotspot', regionId: 'region-knee' })).toBe(true);
		expect(isCorrect(q, { type: 'hotspot', regionId: 'region-calf' })).toBe(false);
	});

	it('never accepts an answer of another type than the question', () => {
		expect(isCorrect(question('numeric'), { type: 'short-text', text: '3' })).toBe(false);
		expect(isCorrect(question('true-false'), { type: 'single', optionIds: ['true'] })).toBe(false);
		expect(isCorrect(question('single'), undefined)).toBe(false);
	});
});

describe('inPolygon', () => {
	const triangle = [
		[0, 0],
		[10, 0],
		[0, 10]
	] as const;

	it('counts points on edges and corners as inside, and the rest by ray casting', () => {
		expect(inPolygon([2, 2], triangle)).toBe(true);
		expect(inPolygon([5, 5], triangle)).toBe(true); // on the slanted edge
		expect(inPolygon([0, 10], triangle)).toBe(true); // a corner
		expect(inPolygon([5.01, 5.01], triangle)).toBe(false);
		expect(inPolygon([-0.01, 5], triangle)).toBe(false);
	});

	it('handles concave polygons', () => {
		// A U shape: the notch between its arms is outside.
		const u = [
			[0, 0],
			[30, 0],
			[30, 30],
			[20, 30],
			[20, 10],
			[10, 10],
			[10, 30],
			[0, 30]
		] as const;
		expect(inPolygon([5, 20], u)).toBe(true);
		expect(inPolygon([15, 20], u)).toBe(false);
		expect(inPolygon([15, 10], u)).toBe(true); // on the notch's floor
	});
});

describe('gradeQuiz', () => {
	const single = question('single');
	const numeric = question('numeric');

	it('scores the share of questions right, rounded down, against the passing grade', () => {
		const answers = new Map<string, Answer>([
			[single.id, { type: 'single', optionIds: ['single-subjective'] }],
			[numeric.id, { type: 'numeric', value: 7 }]
		]);

		const grade = gradeQuiz([single, numeric, question('true-false')], answers, 30);

		expect(grade).toMatchObject({ correctCount: 1, questionCount: 3, score: 33, passed: true });
		expect(grade.questions.map((q) => q.correct)).toEqual([true, false, false]);
		expect(gradeQuiz([single, numeric], answers, 51).passed).toBe(false);
		expect(gradeQuiz([single, numeric], answers, 50).passed).toBe(true);
	});
});

describe('parseStoredAnswer', () => {
	it('reads the answers stored before other question types, as arrays of option ids', () => {
		expect(parseStoredAnswer('["a","b"]')).toEqual({ type: 'single', optionIds: ['a', 'b'] });
		expect(parseStoredAnswer('{"type":"numeric","value":3}')).toEqual({
			type: 'numeric',
			value: 3
		});
	});
});
