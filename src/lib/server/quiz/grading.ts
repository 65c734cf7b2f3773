import type { Question } from '../content/quiz-schema';
import { inPolygon, type Point } from './geometry';

/**
 * A student's answer to one question in terms of the quiz's ids, as stored in
 * `quiz_response.selected` (JSON). Attempts from before the other question types stored a bare
 * array of option ids: `parseStoredAnswer` reads both.
 */
export type Answer =
	| { type: 'single' | 'multiple'; optionIds: string[] }
	| { type: 'true-false'; value: boolean }
	/** Each left-hand pair id → the chosen right-hand choice (a pair id, or `distractor:N`). */
	| { type: 'matching'; matches: Record<string, string> }
	/** Item ids in the order the student put them. */
	| { type: 'ordering'; itemIds: string[] }
	| { type: 'numeric'; value: number }
	| { type: 'short-text'; text: string }
	/** A click on the image (in its coordinates), or a region chosen from the list. */
	| { type: 'hotspot'; point: Point }
	| { type: 'hotspot'; regionId: string };

export function distractorKey(index: number): string {
	return `distractor:${index}`;
}

export function parseStoredAnswer(json: string): Answer {
	const value = JSON.parse(json) as Answer | string[];
	return Array.isArray(value) ? { type: 'single', optionIds: value } : value;
}

/** Short answers compare ignoring case, accents' composition and repeated or outer spaces. */
export function normalizeText(text: string): string {
	return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

// Answers typed from a computed figure (0.1 + 0.2) must not fall off a tolerance edge.
const FLOAT_SLACK = 1e-9;

/** The region a hotspot answer lands in: the chosen one, or the first one the click is inside. */
export function regionOf(
	question: Extract<Question, { type: 'hotspot' }>,
	answer: Extract<Answer, { type: 'hotspot' }>
) {
	if ('regionId' in answer) return question.regions.find((r) => r.id === answer.regionId);
	// Regions may overlap: a click inside a correct region counts for it.
	const containing = question.regions.filter((r) => inPolygon(answer.point, r.polygon));
	return containing.find((r) => r.correct) ?? containing[0];
}

/**
 * Whether an answer is right. Every type is all or nothing: a multiple-select needs exactly the
 * correct options, a matching every pair, an ordering every position. An answer of another type
 * than the question (a quiz edited under an attempt) is never right.
 */
export function isCorrect(question: Question, answer: Answer | undefined): boolean {
	if (!answer) return false;
	switch (question.type) {
		case 'single':
		case 'multiple': {
			if (answer.type !== 'single' && answer.type !== 'multiple') return false;
			const chosen = new Set(answer.optionIds);
			const key = new Set(question.options.filter((o) => o.correct).map((o) => o.id));
			return (
				chosen.size === key.size &&
				[...chosen].every((id) => key.has(id)) &&
				(question.type === 'multiple' || chosen.size === 1)
			);
		}
		case 'true-false':
			return answer.type === 'true-false' && answer.value === question.answer;
		case 'matching':
			return (
				answer.type === 'matching' &&
				question.pairs.every((pair) => answer.matches[pair.id] === pair.id)
			);
		case 'ordering':
			return (
				answer.type === 'ordering' &&
				answer.itemIds.length === question.items.length &&
				question.items.every((item, i) => answer.itemIds[i] === item.id)
			);
		case 'numeric':
			return (
				answer.type === 'numeric' &&
				Number.isFinite(answer.value) &&
				Math.abs(answer.value - question.answer) <=
					question.tolerance + FLOAT_SLACK * Math.max(1, Math.abs(question.answer))
			);
		case 'short-text': {
			if (answer.type !== 'short-text') return false;
			const given = normalizeText(answer.text);
			if (question.accept.some((a) => normalizeText(a) === given)) return true;
			return (
				question.pattern !== undefined && new RegExp(`^(?:${question.pattern})$`, 'i').test(given)
			);
		}
		case 'hotspot':
			return answer.type === 'hotspot' && regionOf(question, answer)?.correct === true;
	}
}

export interface QuestionGrade {
	questionId: string;
	answer: Answer | undefined;
	correct: boolean;
}

export interface QuizGrade {
	questions: QuestionGrade[];
	correctCount: number;
	questionCount: number;
	/** Percentage of questions answered correctly, rounded down so nobody passes on rounding. */
	score: number;
	passed: boolean;
}

/** Grades the questions an attempt showed, in the order shown. */
export function gradeQuiz(
	questions: readonly Question[],
	answers: ReadonlyMap<string, Answer>,
	passingGrade: number
): QuizGrade {
	const graded = questions.map((question): QuestionGrade => {
		const answer = answers.get(question.id);
		return { questionId: question.id, answer, correct: isCorrect(question, answer) };
	});
	const correctCount = graded.filter((q) => q.correct).length;
	const questionCount = graded.length;
	const score = questionCount === 0 ? 0 : Math.floor((correctCount * 100) / questionCount);
	return { questions: graded, correctCount, questionCount, score, passed: score >= passingGrade };
}
