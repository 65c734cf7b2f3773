import type { Database } from '../db';
import type { QuizAttempt } from '../db/schema';
import type { Lesson, Quiz } from '../content';
import { gradeQuiz } from './grading';
import { recordAttemptStatistics } from './statistics';

/** Which questions, with which option order, this attempt showed. Stored with the attempt. */
export type AttemptLayout = { questionId: string; optionIds: string[] }[];

/**
 * A question as the browser sees it before submission: positions stand in for option ids, so the
 * page carries neither the key nor the ids it could be matched against.
 */
export interface PresentedQuestion {
	name: string;
	number: number;
	type: 'single' | 'multiple';
	prompt: string;
	options: { value: string; text: string }[];
}

export interface ReviewedQuestion {
	number: number;
	type: 'single' | 'multiple';
	prompt: string;
	correct: boolean;
	explanation: string;
	options: { text: string; chosen: boolean; correct: boolean }[];
}

/** Input a person must fix: answered with 400 and the message. */
export class QuizInputError extends Error {}
/** The quiz changed after this attempt was started: answered with 409. */
export class StaleAttemptError extends Error {}

export function parseLayout(attempt: Pick<QuizAttempt, 'layout'>): AttemptLayout {
	return JSON.parse(attempt.layout) as AttemptLayout;
}

function shuffled<T>(items: readonly T[]): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = crypto.getRandomValues(new Uint32Array(1))[0]! % (i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

/** The student's open attempt on this version of the quiz, or a new one with shuffled options. */
export async function openAttempt(
	db: Database,
	userId: string,
	lesson: Lesson & { quiz: Quiz },
	now = new Date()
): Promise<QuizAttempt> {
	const { quiz } = lesson;
	const existing = await db
		.selectFrom('quiz_attempt')
		.selectAll()
		.where('user_id', '=', userId)
		.where('course_id', '=', lesson.courseId)
		.where('quiz_id', '=', quiz.id)
		.where('quiz_version', '=', quiz.version)
		.where('submitted_at', 'is', null)
		.orderBy('started_at', 'desc')
		.executeTakeFirst();
	if (existing) return existing;

	const layout: AttemptLayout = quiz.questions.map((q) => ({
		questionId: q.id,
		optionIds: shuffled(q.options.map((o) => o.id))
	}));
	return db
		.insertInto('quiz_attempt')
		.values({
			id: crypto.randomUUID(),
			user_id: userId,
			course_id: lesson.courseId,
			lesson_id: lesson.id,
			quiz_id: quiz.id,
			quiz_version: quiz.version,
			layout: JSON.stringify(layout),
			started_at: now.toISOString(),
			question_count: layout.length,
			passing_grade: quiz.passingGrade
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

export function presentAttempt(quiz: Quiz, attempt: QuizAttempt): PresentedQuestion[] {
	return parseLayout(attempt).map((entry, index) => {
		const question = quiz.questions.find((q) => q.id === entry.questionId);
		if (!question) throw new StaleAttemptError('This quiz changed since the attempt began.');
		return {
			name: `q${index + 1}`,
			number: index + 1,
			type: question.type,
			prompt: question.prompt,
			options: entry.optionIds.map((optionId, position) => ({
				value: String(position + 1),
				text: question.options.find((o) => o.id === optionId)?.text ?? ''
			}))
		};
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

/**
 * Maps the submitted positions back to option ids through the stored layout, grades them and
 * stores the attempt with every response, once: a second submission of the same attempt (a double
 * click, a resent form) changes nothing and returns the stored attempt.
 */
export async function submitAttempt(
	db: Database,
	userId: string,
	attemptId: string,
	quiz: Quiz,
	field: (name: string) => string[],
	now = new Date()
): Promise<QuizAttempt> {
	return db.transaction().execute(async (trx) => {
		const attempt = await findAttempt(trx, userId, attemptId);
		if (!attempt || attempt.quiz_id !== quiz.id) {
			throw new QuizInputError('This quiz attempt was not found. Reload the page and try again.');
		}
		if (attempt.submitted_at) return attempt;
		if (attempt.quiz_version !== quiz.version) {
			throw new StaleAttemptError(
				'The instructor updated this quiz after you started it. Please answer the new version.'
			);
		}

		const layout = parseLayout(attempt);
		const answers = new Map<string, string[]>();
		const unanswered: number[] = [];
		layout.forEach((entry, index) => {
			const values = field(`q${index + 1}`);
			const chosen = values.map((value) => {
				const position = Number(value);
				const optionId = Number.isInteger(position) ? entry.optionIds[position - 1] : undefined;
				if (!optionId) throw new QuizInputError(`Question ${index + 1} has an unknown answer.`);
				return optionId;
			});
			if (chosen.length === 0) unanswered.push(index + 1);
			answers.set(entry.questionId, chosen);
		});
		if (unanswered.length > 0) {
			const list = unanswered.join(', ');
			throw new QuizInputError(
				`Answer every question before submitting (unanswered: ${unanswered.length > 1 ? 'questions' : 'question'} ${list}).`
			);
		}

		const grade = gradeQuiz(quiz, answers, attempt.passing_grade);
		await trx
			.insertInto('quiz_response')
			.values(
				grade.questions.map((q) => ({
					attempt_id: attempt.id,
					question_id: q.questionId,
					selected: JSON.stringify(q.selected),
					correct: q.correct ? 1 : 0
				}))
			)
			.execute();
		const submitted = await trx
			.updateTable('quiz_attempt')
			.set({
				submitted_at: now.toISOString(),
				correct_count: grade.correctCount,
				score: grade.score,
				passed: grade.passed ? 1 : 0
			})
			.where('id', '=', attempt.id)
			.where('submitted_at', 'is', null)
			.returningAll()
			.executeTakeFirstOrThrow();
		// The question statistics move with the attempt, in the same transaction.
		await recordAttemptStatistics(
			trx,
			{
				...submitted,
				correct_count: grade.correctCount,
				score: grade.score,
				passed: grade.passed ? 1 : 0
			},
			grade.questions.map((q) => ({
				questionId: q.questionId,
				correct: q.correct,
				choiceIds: q.selected
			}))
		);
		return submitted;
	});
}

/** The review of a submitted attempt: only now are the key and explanations revealed. */
export async function reviewAttempt(
	db: Database,
	quiz: Quiz,
	attempt: QuizAttempt
): Promise<ReviewedQuestion[]> {
	if (!attempt.submitted_at) return [];
	const responses = await db
		.selectFrom('quiz_response')
		.selectAll()
		.where('attempt_id', '=', attempt.id)
		.execute();
	return parseLayout(attempt).flatMap((entry, index) => {
		const question = quiz.questions.find((q) => q.id === entry.questionId);
		const response = responses.find((r) => r.question_id === entry.questionId);
		if (!question || !response) return [];
		const chosen = new Set(JSON.parse(response.selected) as string[]);
		return [
			{
				number: index + 1,
				type: question.type,
				prompt: question.prompt,
				correct: response.correct === 1,
				explanation: question.explanation,
				options: entry.optionIds.flatMap((id) => {
					const option = question.options.find((o) => o.id === id);
					return option
						? [{ text: option.text, chosen: chosen.has(id), correct: option.correct }]
						: [];
				})
			}
		];
	});
}

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
