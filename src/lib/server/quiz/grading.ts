import type { QuizDefinition } from '../content/schema';

export interface QuestionGrade {
	questionId: string;
	selected: string[];
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

/**
 * Grades chosen option ids against the quiz's key. A single-choice question is right when the one
 * correct option is chosen; a multiple-choice question when exactly the set of correct options is
 * chosen (all or nothing). Unknown option ids never count as right.
 */
export function gradeQuiz(
	quiz: Pick<QuizDefinition, 'questions'>,
	answers: ReadonlyMap<string, readonly string[]>,
	passingGrade: number
): QuizGrade {
	const questions = quiz.questions.map((question): QuestionGrade => {
		const selected = [...new Set(answers.get(question.id) ?? [])];
		const key = new Set(question.options.filter((o) => o.correct).map((o) => o.id));
		const correct =
			selected.length === key.size &&
			selected.every((id) => key.has(id)) &&
			(question.type === 'multiple' || selected.length === 1);
		return { questionId: question.id, selected, correct };
	});
	const correctCount = questions.filter((q) => q.correct).length;
	const questionCount = questions.length;
	const score = questionCount === 0 ? 0 : Math.floor((correctCount * 100) / questionCount);
	return { questions, correctCount, questionCount, score, passed: score >= passingGrade };
}
