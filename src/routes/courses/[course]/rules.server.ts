import type { Course, Quiz } from '$lib/server/content';

/** What a student is told about one quiz before taking it; never its questions or answers. */
export interface QuizRule {
	title: string;
	/** The lesson the quiz ends, or null for the course's final quiz. */
	lessonTitle: string | null;
	passingGrade: number;
	/** Items shown on each attempt (a case scenario counts as one). */
	items: number;
	/** The pool an attempt draws from, when it draws. */
	pool: number | null;
	/** Unlimited when null. */
	maxAttempts: number | null;
	/** The quiz of an optional lesson is optional too. */
	required: boolean;
}

function rule(quiz: Quiz, lessonTitle: string | null, required: boolean): QuizRule {
	return {
		title: quiz.title,
		lessonTitle,
		passingGrade: quiz.passingGrade,
		items: quiz.draw ?? quiz.questions.length,
		pool: quiz.draw !== undefined ? quiz.questions.length : null,
		maxAttempts: quiz.maxAttempts ?? null,
		required
	};
}

/** The quizzes of a course in the order a student meets them, with their attempt rules. */
export function quizRules(course: Course): QuizRule[] {
	return [
		...course.lessons.flatMap((l) => (l.quiz ? [rule(l.quiz, l.title, l.required)] : [])),
		...(course.finalQuiz ? [rule(course.finalQuiz, null, true)] : [])
	];
}
