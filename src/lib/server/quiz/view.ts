import type { Database } from '../db';
import type { Lesson, Quiz } from '../content';
import {
	findAttempt,
	openAttempt,
	presentAttempt,
	reviewAttempt,
	submittedAttempts,
	type PresentedQuestion,
	type ReviewedQuestion
} from './attempts';

export interface QuizSection {
	title: string;
	questionCount: number;
	passingGrade: number;
	passed: boolean;
	history: { id: string; submittedAt: string; score: number; passed: boolean }[];
	/** A submitted attempt with its key and explanations, when the student asked to see one. */
	review: {
		id: string;
		score: number;
		passed: boolean;
		correctCount: number;
		questionCount: number;
		questions: ReviewedQuestion[];
	} | null;
	/** The attempt to answer now: positions only, no ids, no key. */
	attempt: { id: string; questions: PresentedQuestion[] } | null;
}

/**
 * What the lesson page shows of its quiz for one user. Only enrolled students get attempts; the
 * key and explanations appear only in the review of an attempt they already submitted.
 */
export async function quizSection(
	db: Database,
	userId: string,
	lesson: Lesson & { quiz: Quiz },
	options: { enrolled: boolean; reviewAttemptId: string | null }
): Promise<QuizSection> {
	const { quiz } = lesson;
	const attempts = options.enrolled
		? await submittedAttempts(db, userId, lesson.courseId, quiz.id)
		: [];
	const passed = attempts.some((a) => a.passed === 1);
	const reviewed = options.reviewAttemptId
		? await findAttempt(db, userId, options.reviewAttemptId)
		: undefined;
	const open = options.enrolled && !passed ? await openAttempt(db, userId, lesson) : undefined;
	return {
		title: quiz.title,
		questionCount: quiz.questions.length,
		passingGrade: quiz.passingGrade,
		passed,
		history: attempts.map((a) => ({
			id: a.id,
			submittedAt: a.submitted_at!,
			score: a.score!,
			passed: a.passed === 1
		})),
		review:
			reviewed?.submitted_at && reviewed.quiz_id === quiz.id
				? {
						id: reviewed.id,
						score: reviewed.score!,
						passed: reviewed.passed === 1,
						correctCount: reviewed.correct_count!,
						questionCount: reviewed.question_count,
						questions: await reviewAttempt(db, quiz, reviewed)
					}
				: null,
		attempt: open ? { id: open.id, questions: presentAttempt(quiz, open) } : null
	};
}
