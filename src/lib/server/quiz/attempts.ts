import type { ReviewedItem } from '$lib/quiz/types';
import type { Database } from '../db';
import type { QuizAttempt } from '../db/schema';
import type { Quiz } from '../content';
import type { QuizDefinition } from '../content/quiz-schema';
import { pickedChoiceIds } from './answer-summary';
import { gradeQuiz, parseStoredAnswer } from './grading';
import { drawLayout, parseLayout, questionsOf } from './layout';
import type { ImageResolver } from './present';
import { reviewAttemptLayout, type StoredResponse } from './review';
import { addToReview } from '../review/cards';
import { recordAttemptStatistics } from './statistics';
import { QuizInputError, readAnswers, readUnsure, type FormField } from './submission';
import { definitionFor, saveVersion } from './versions';

export { QuizInputError } from './submission';

/** The quiz version of this attempt can no longer be read: answered with 409. */
export class StaleAttemptError extends Error {}
/** Every allowed attempt is used: answered with 403. */
export class AttemptLimitError extends Error {}

/** `quiz_attempt.lesson_id` of a course's final quiz (a lesson can never have this id). */
export const FINAL_QUIZ_LESSON_ID = 'final-quiz';

/**
 * The student's open attempt on the current version of the quiz, or a new one: drawn from the
 * pool, shuffled, and stored with the version's content so it can be graded whatever happens
 * to the quiz file later.
 */
export async function openAttempt(
	db: Database,
	userId: string,
	quiz: Quiz,
	now = new Date()
): Promise<QuizAttempt> {
	const existing = await db
		.selectFrom('quiz_attempt')
		.selectAll()
		.where('user_id', '=', userId)
		.where('course_id', '=', quiz.courseId)
		.where('quiz_id', '=', quiz.id)
		.where('quiz_version', '=', quiz.version)
		.where('submitted_at', 'is', null)
		.orderBy('started_at', 'desc')
		.executeTakeFirst();
	if (existing) return existing;

	const layout = drawLayout(quiz.definition);
	return db.transaction().execute(async (trx) => {
		await saveVersion(trx, quiz, now);
		return trx
			.insertInto('quiz_attempt')
			.values({
				id: crypto.randomUUID(),
				user_id: userId,
				course_id: quiz.courseId,
				lesson_id: quiz.lessonId ?? FINAL_QUIZ_LESSON_ID,
				quiz_id: quiz.id,
				quiz_version: quiz.version,
				layout: JSON.stringify(layout),
				started_at: now.toISOString(),
				question_count: layout.length,
				passing_grade: quiz.passingGrade
			})
			.returningAll()
			.executeTakeFirstOrThrow();
	});
}

export async function findAttempt(
	db: Database,
	userId: string,
	attemptId: string
): Promise<QuizAttempt | undefined> {
	return db
		.selectFrom('quiz_attempt')
		.selectAll()
		.where('id', '=', attemptId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

/** The content an attempt was drawn from, or a StaleAttemptError when it cannot be found. */
async function attemptDefinition(
	db: Database,
	quiz: Quiz,
	attempt: QuizAttempt
): Promise<QuizDefinition> {
	const definition = await definitionFor(db, quiz, attempt.quiz_version);
	if (!definition || !questionsOf(definition, parseLayout(attempt))) {
		throw new StaleAttemptError(
			'The instructor updated this quiz after you started it. Please answer the new version.'
		);
	}
	return definition;
}

/**
 * Maps the submitted positions back to ids through the stored layout, grades them against the
 * version the attempt was taken on, and stores the attempt with every response, once: a second
 * submission of the same attempt (a double click, a resent form) changes nothing and returns the
 * stored attempt.
 */
export async function submitAttempt(
	db: Database,
	userId: string,
	attemptId: string,
	quiz: Quiz,
	field: FormField,
	now = new Date()
): Promise<QuizAttempt> {
	return db.transaction().execute(async (trx) => {
		const attempt = await findAttempt(trx, userId, attemptId);
		if (!attempt || attempt.quiz_id !== quiz.id || attempt.course_id !== quiz.courseId) {
			throw new QuizInputError('This quiz attempt was not found. Reload the page and try again.');
		}
		if (attempt.submitted_at) return attempt;
		if (quiz.maxAttempts !== undefined) {
			const used = await submittedAttempts(trx, userId, quiz.courseId, quiz.id);
			if (used.length >= quiz.maxAttempts) {
				throw new AttemptLimitError(
					`You have used all ${quiz.maxAttempts} attempts at this quiz. Ask your instructor if you need another.`
				);
			}
		}

		const definition = await attemptDefinition(trx, quiz, attempt);
		const layout = parseLayout(attempt);
		const questions = questionsOf(definition, layout)!;
		const answers = readAnswers(layout, questions, field);
		const unsure = readUnsure(layout, field);
		const grade = gradeQuiz(questions, answers, attempt.passing_grade);
		await trx
			.insertInto('quiz_response')
			.values(
				grade.questions.map((q) => ({
					attempt_id: attempt.id,
					question_id: q.questionId,
					selected: JSON.stringify(q.answer),
					correct: q.correct ? 1 : 0,
					unsure: unsure.has(q.questionId) ? 1 : 0
				}))
			)
			.execute();
		// Missed and unsure questions come back in the student's spaced review (review/).
		const toReview = grade.questions.filter((q) => !q.correct || unsure.has(q.questionId));
		await addToReview(
			trx,
			userId,
			quiz,
			toReview.map((q) => q.questionId),
			now
		);
		const submitted = await trx
			.updateTable('quiz_attempt')
			.set({
				submitted_at: now.toISOString(),
				correct_count: grade.correctCount,
				score: grade.score,
				passed: grade.passed ? 1 : 0,
				// The answers are stored as responses now; the draft has done its work.
				draft: null,
				draft_saved_at: null
			})
			.where('id', '=', attempt.id)
			.where('submitted_at', 'is', null)
			.returningAll()
			.executeTakeFirstOrThrow();
		// The question statistics move with the attempt, in the same transaction. Only the
		// questions this attempt showed are counted: a pool's other questions get nothing from it.
		await recordAttemptStatistics(
			trx,
			{
				...submitted,
				correct_count: grade.correctCount,
				score: grade.score,
				passed: grade.passed ? 1 : 0
			},
			grade.questions.map((q, index) => ({
				questionId: q.questionId,
				correct: q.correct,
				choiceIds: pickedChoiceIds(questions[index]!, q.answer)
			}))
		);
		return submitted;
	});
}

/** The review of a submitted attempt, against its own version: only now is the key revealed. */
export async function reviewAttempt(
	db: Database,
	quiz: Quiz,
	attempt: QuizAttempt,
	images: ImageResolver
): Promise<ReviewedItem[]> {
	if (!attempt.submitted_at) return [];
	const definition = await attemptDefinition(db, quiz, attempt);
	const rows = await db
		.selectFrom('quiz_response')
		.selectAll()
		.where('attempt_id', '=', attempt.id)
		.execute();
	const responses = new Map<string, StoredResponse>(
		rows.map((r) => [
			r.question_id,
			{ answer: parseStoredAnswer(r.selected), correct: r.correct === 1 }
		])
	);
	return reviewAttemptLayout(definition, parseLayout(attempt), responses, images);
}

/** Whether the student ever passed the quiz, on any version: edits never take a pass away. */
export async function hasPassed(
	db: Database,
	userId: string,
	courseId: string,
	quizId: string
): Promise<boolean> {
	const row = await db
		.selectFrom('quiz_attempt')
		.select('id')
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.where('quiz_id', '=', quizId)
		.where('passed', '=', 1)
		.executeTakeFirst();
	return row !== undefined;
}

export function submittedAttempts(
	db: Database,
	userId: string,
	courseId: string,
	quizId: string
): Promise<QuizAttempt[]> {
	return db
		.selectFrom('quiz_attempt')
		.selectAll()
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.where('quiz_id', '=', quizId)
		.where('submitted_at', 'is not', null)
		.orderBy('submitted_at', 'desc')
		.execute();
}
