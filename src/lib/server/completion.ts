import type { Course } from './content';
import type { Database } from './db';

/**
 * The one completion rule of a course, in one place: every required lesson complete (opened, and
 * its quiz passed when it was completed), the course's final quiz passed, and the course
 * evaluation submitted. Progress bars, "continue", and certificate issuance all read it here.
 */

/** What the server has stored about one student in one course: the only input of the rule. */
export interface CompletionFacts {
	/** Lessons the student opened, complete or not. */
	openedLessonIds: Set<string>;
	completedLessonIds: Set<string>;
	finalQuizPassed: boolean;
	evaluationSubmitted: boolean;
}

export interface CourseProgress {
	completedLessonIds: Set<string>;
	/** Whether the course's final quiz is passed (false when it has none). */
	finalQuizPassed: boolean;
	evaluationSubmitted: boolean;
	/** The steps of the rule done: required lessons, the final quiz, the evaluation. */
	completedRequired: number;
	totalRequired: number;
	percent: number;
	/** Every step of the rule is done: the certificate is due. */
	complete: boolean;
	/** Where "continue" leads: the last lesson opened, else the first lesson. */
	continueLessonId: string;
}

/** Reads the facts of the rule with three small indexed queries. */
export async function completionFacts(
	db: Database,
	userId: string,
	course: Course
): Promise<CompletionFacts> {
	const [lessons, passed, evaluation] = await Promise.all([
		db
			.selectFrom('lesson_progress')
			.select(['lesson_id', 'completed_at'])
			.where('user_id', '=', userId)
			.where('course_id', '=', course.id)
			.execute(),
		course.finalQuiz
			? db
					.selectFrom('quiz_attempt')
					.select('id')
					.where('user_id', '=', userId)
					.where('course_id', '=', course.id)
					.where('quiz_id', '=', course.finalQuiz.id)
					.where('passed', '=', 1)
					.executeTakeFirst()
			: undefined,
		db
			.selectFrom('course_evaluation')
			.select('user_id')
			.where('user_id', '=', userId)
			.where('course_id', '=', course.id)
			.executeTakeFirst()
	]);
	return {
		openedLessonIds: new Set(lessons.map((r) => r.lesson_id)),
		completedLessonIds: new Set(lessons.filter((r) => r.completed_at).map((r) => r.lesson_id)),
		finalQuizPassed: passed !== undefined,
		evaluationSubmitted: evaluation !== undefined
	};
}

/** The rule applied to the facts. Optional lessons never count, for or against. */
export function summarize(
	course: Course,
	facts: CompletionFacts,
	lastLessonId: string | null | undefined
): CourseProgress {
	const required = course.lessons.filter((l) => l.required);
	const hasFinal = course.finalQuiz !== undefined;
	const finalQuizPassed = hasFinal && facts.finalQuizPassed;
	const completedRequired =
		required.filter((l) => facts.completedLessonIds.has(l.id)).length +
		(finalQuizPassed ? 1 : 0) +
		(facts.evaluationSubmitted ? 1 : 0);
	const totalRequired = required.length + (hasFinal ? 1 : 0) + 1;
	const last = course.lessons.find((l) => l.id === lastLessonId);
	return {
		completedLessonIds: facts.completedLessonIds,
		finalQuizPassed,
		evaluationSubmitted: facts.evaluationSubmitted,
		completedRequired,
		totalRequired,
		percent: Math.floor((completedRequired * 100) / totalRequired),
		complete: completedRequired === totalRequired,
		continueLessonId: (last ?? course.lessons[0])!.id
	};
}

/** Whether the student has completed the course: the rule, from what is stored now. */
export async function hasCompletedCourse(
	db: Database,
	userId: string,
	course: Course
): Promise<boolean> {
	return summarize(course, await completionFacts(db, userId, course), null).complete;
}

/** Progress through one module: its required lessons complete, for the module's progress bar. */
export function moduleProgress(
	course: Course,
	moduleId: string,
	completedLessonIds: ReadonlySet<string>
): { completed: number; total: number; percent: number } {
	const lessons = course.lessons.filter((l) => l.moduleId === moduleId && l.required);
	const completed = lessons.filter((l) => completedLessonIds.has(l.id)).length;
	const total = lessons.length;
	return { completed, total, percent: total === 0 ? 100 : Math.floor((completed * 100) / total) };
}
