import { describe, expect, it } from 'vitest';
import type { QuizQuestion } from '../content/schema';
import { gradeQuiz } from './grading';

function single(id: string): QuizQuestion {
	return {
		id,
		type: 'single',
		prompt: `Question ${id}`,
		explanation: 'Because.',
		options: [
			{ id: `${id}-right`, text: 'Right', correct: true },
			{ id: `${id}-wrong`, text: 'Wrong', correct: false }
		]
	};
}

/** Options a and b are correct, c and d are not. */
const multiple: QuizQuestion = {
	id: 'multi',
	type: 'multiple',
	prompt: 'Select all that apply.',
	explanation: 'Because.',
	options: [
		{ id: 'a', text: 'A', correct: true },
		{ id: 'b', text: 'B', correct: true },
		{ id: 'c', text: 'C', correct: false },
		{ id: 'd', text: 'D', correct: false }
	]
};

function grade(questions: QuizQuestion[], answers: Record<string, string[]>, passingGrade = 80) {
	return gradeQuiz({ questions }, new Map(Object.entries(answers)), passingGrade);
}

/** Whether the one question of a quiz is graded right for this selection. */
function isRight(question: QuizQuestion, selected: string[]) {
	return grade([question], { [question.id]: selected }).questions[0]?.correct;
}

describe('gradeQuiz', () => {
	it('grades a single-choice question by its one correct option', () => {
		expect(isRight(single('s'), ['s-right'])).toBe(true);
		expect(isRight(single('s'), ['s-wrong'])).toBe(false);
		expect(isRight(single('s'), ['s-right', 's-wrong'])).toBe(false);
		expect(isRight(single('s'), [])).toBe(false);
	});

	it('grades a multiple-choice question all or nothing', () => {
		expect(isRight(multiple, ['a', 'b'])).toBe(true);
		expect(isRight(multiple, ['b', 'a'])).toBe(true);
		expect(isRight(multiple, ['a'])).toBe(false);
		expect(isRight(multiple, ['a', 'b', 'c'])).toBe(false);
		expect(isRight(multiple, ['c', 'd'])).toBe(false);
	});

	it('never counts an unknown option id', () => {
		expect(isRight(single('s'), ['no-such-option'])).toBe(false);
		expect(isRight(single('s'), ['s-right', 'no-such-option'])).toBe(false);
		expect(isRight(multiple, ['a', 'no-such-option'])).toBe(false);
		// Another question's correct option is not this question's.
		expect(isRight(single('s'), ['t-right'])).toBe(false);
	});

	it('ignores duplicates in a selection', () => {
		expect(isRight(single('s'), ['s-right', 's-right'])).toBe(true);
		expect(isRight(multiple, ['a', 'a', 'b'])).toBe(true);
		expect(isRight(multiple, ['a', 'a'])).toBe(false);
		expect(isRight(multiple, ['a', 'a', 'b', 'b', 'c'])).toBe(false);
	});

	it('counts an unanswered question as wrong', () => {
		const result = grade([single('s'), single('t')], { s: ['s-right'] });

		expect(result.questions.map((q) => q.correct)).toEqual([true, false]);
		expect(result.correctCount).toBe(1);
	});

	it('rounds the score down: 2 of 3 correct is 66', () => {
		const result = grade([single('q1'), single('q2'), single('q3')], {
			q1: ['q1-right'],
			q2: ['q2-right'],
			q3: ['q3-wrong']
		});

		expect(result).toMatchObject({ correctCount: 2, questionCount: 3, score: 66 });
	});

	it('does not let rounding pass a score just below the grade', () => {
		const questions = [single('q1'), single('q2'), single('q3')];
		const twoOfThree = { q1: ['q1-right'], q2: ['q2-right'], q3: ['q3-wrong'] };

		expect(grade(questions, twoOfThree, 67).passed).toBe(false);
		expect(grade(questions, twoOfThree, 66).passed).toBe(true);
	});

	it('passes a score exactly at the passing grade', () => {
		const questions = [single('q1'), single('q2'), single('q3'), single('q4'), single('q5')];
		const fourOfFive = {
			q1: ['q1-right'],
			q2: ['q2-right'],
			q3: ['q3-right'],
			q4: ['q4-right'],
			q5: ['q5-wrong']
		};

		expect(grade(questions, fourOfFive, 80)).toMatchObject({ score: 80, passed: true });
		expect(grade(questions, fourOfFive, 81)).toMatchObject({ score: 80, passed: false });
	});

	it('records what was chosen for each question', () => {
		const result = grade([single('s'), multiple], { s: ['s-wrong'], multi: ['b', 'a', 'b'] });

		expect(result.questions).toEqual([
			{ questionId: 's', selected: ['s-wrong'], correct: false },
			{ questionId: 'multi', selected: ['b', 'a'], correct: true }
		]);
	});
});
