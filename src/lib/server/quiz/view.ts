import type { PresentedItem, ReviewedItem } from '$lib/quiz/types';
import type { Database } from '../db';
import type { Course, Quiz } from '../content';
import {
	findAttempt,
	openAttempt,
	reviewAttempt,
	StaleAttemptError,
	submittedAttempts
} from './attempts';
import { parseDraft, type DraftFields } from './draft';
import { parseLayout, questionCount } from './layout';
import { presentAttempt, type ImageResolver } from './present';

export interface QuizSection {
	title: string;
	questionCount: number;
	passingGrade: number;
	/** Null when attempts are unlimited. */
	maxAttempts: number | null;
	passed: boolean;
	history: { id: string; submittedAt: string; score: number; passed: boolean }[];
	/** A submitted attempt with its key and explanations, when the student asked to see one. */
	review: {
		id: string;
		score: number;
		passed: boolean;
		correctCount: number;
		questionCount: number;
		/** Null when the version it was taken on can no longer be shown. */
		questions: ReviewedItem[] | null;
	} | null;
	/**
	 * The attempt to answer now: positions only, no ids, no key; with the student's own answers
	 * saved as a draft, to fill the form back in.
	 */
	attempt: {
		id: string;
		questions: PresentedItem[];
		draft: DraftFields;
		draftSavedAt: string | null;
	} | null;
}

export function courseImages(course: Course): ImageResolver {
	return (path) => course.images[path];
}

/**
 * What a quiz page shows one user. Only enrolled students get attempts, while they have not
 * passed and have attempts left; the key and explanations appear only in the review of an
 * attempt they already submitted.
 */
export async function quizSection(
	db: Database,
	userId: string,
	course: Course,
	quiz: Quiz,
	options: { enrolled: boolean; reviewAttemptId: string | null; preview: boolean }
): Promise<QuizSection> {
	const images = courseImages(course);
	const attempts = options.enrolled ? await submittedAttempts(db, userId, course.id, quiz.id) : [];
	const passed = attempts.some((a) => a.passed === 1);
	const attemptsLeft = quiz.maxAttempts === undefined || attempts.length < quiz.maxAttempts;
	const reviewed = options.reviewAttemptId
		? await findAttempt(db, userId, options.reviewAttemptId)
		: undefined;
	const open =
		options.enrolled && !passed && attemptsLeft ? await openAttempt(db, userId, quiz) : undefined;

	let review: QuizSection['review'] = null;
	if (reviewed?.submitted_at && reviewed.quiz_id === quiz.id && reviewed.course_id === course.id) {
		let questions: ReviewedItem[] | null;
		try {
			questions = await reviewAttempt(db, quiz, reviewed, images);
		} catch (error) {
			if (!(error instanceof StaleAttemptError)) throw error;
			questions = null;
		}
		review = {
			id: reviewed.id,
			score: reviewed.score!,
			passed: reviewed.passed === 1,
			correctCount: reviewed.correct_count!,
			questionCount: reviewed.question_count,
			questions
		};
	}

	return {
		title: quiz.title,
		questionCount: open ? parseLayout(open).length : questionCount(quiz.definition),
		passingGrade: quiz.passingGrade,
		maxAttempts: quiz.maxAttempts ?? null,
		passed,
		history: attempts.map((a) => ({
			id: a.id,
			submittedAt: a.submitted_at!,
			score: a.score!,
			passed: a.passed === 1
		})),
		review,
		attempt: open
			? {
					id: open.id,
					questions: presentAttempt(quiz.definition, parseLayout(open), images, {
						preview: options.preview
					}),
					draft: parseDraft(open.draft),
					draftSavedAt: open.draft_saved_at
				}
			: null
	};
}
