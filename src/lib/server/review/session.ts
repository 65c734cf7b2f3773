import type { PresentedItem, ReviewedItem } from '$lib/quiz/types';
import type { Database } from '../db';
import type { ReviewCard } from '../db/schema';
import { findCourse } from '../content';
import { isCorrect, parseStoredAnswer } from '../quiz/grading';
import { entryFor, type LayoutEntry } from '../quiz/layout';
import { presentAttempt } from '../quiz/present';
import { reviewAttemptLayout } from '../quiz/review';
import {
	QuizInputError,
	readAnswers,
	UnansweredError,
	unsureField,
	type FormField
} from '../quiz/submission';
import { courseImages } from '../quiz/view';
import { cardQuestion, dueCards, type CardQuestion, type CourseLookup } from './due';
import { nextSchedule, ratingFor } from './scheduler';

/** The review shows one question at a time, always as question 1 of its own little form. */
export const REVIEW_FIELD = 'q1';
export const UNSURE_FIELD = unsureField(REVIEW_FIELD);

export interface ReviewScreen {
	/** Questions due now, the one shown included. */
	due: number;
	/** The question to answer: positions only, no ids, no key. */
	question: {
		cardId: string;
		courseTitle: string;
		quizTitle: string;
		items: PresentedItem[];
	} | null;
	/** The answer just given, with the key and explanation, when the page was asked for it. */
	feedback: {
		courseTitle: string;
		correct: boolean;
		/** When the question comes back (ISO). */
		due: string;
		items: ReviewedItem[];
	} | null;
}

/**
 * What `/review` shows: the feedback on the card just answered (only the student's own, and only
 * while its question still reads the same), and the next due question. Showing a question draws
 * its shuffle once and stores it, so the answer is read back through what was shown.
 */
export async function reviewScreen(
	db: Database,
	userId: string,
	now: Date,
	answeredCardId: string | null,
	courses: CourseLookup = findCourse
): Promise<ReviewScreen> {
	const [due, answered] = await Promise.all([
		dueCards(db, userId, now, courses),
		answeredCardId ? findCard(db, userId, answeredCardId) : undefined
	]);
	const next = due[0];
	return {
		due: due.length,
		question: next ? await showCard(db, next, cardQuestion(next, courses)!) : null,
		feedback: answered && answered.id !== next?.id ? feedbackFor(answered, courses) : null
	};
}

function findCard(db: Database, userId: string, cardId: string) {
	return db
		.selectFrom('review_card')
		.selectAll()
		.where('id', '=', cardId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

/** A card waits for an answer when it was shown, not yet answered, on the quiz as it is now. */
function pendingLayout(card: ReviewCard, found: CardQuestion): LayoutEntry | undefined {
	if (!card.layout || card.answer !== null || card.layout_version !== found.quiz.version) {
		return undefined;
	}
	return JSON.parse(card.layout) as LayoutEntry;
}

async function showCard(db: Database, card: ReviewCard, found: CardQuestion) {
	let entry = pendingLayout(card, found);
	if (!entry) {
		entry = { ...entryFor(found.question), ...(found.caseId ? { caseId: found.caseId } : {}) };
		await db
			.updateTable('review_card')
			.set({
				layout: JSON.stringify(entry),
				layout_version: found.quiz.version,
				answer: null,
				answer_correct: null
			})
			.where('id', '=', card.id)
			.execute();
	}
	return {
		cardId: card.id,
		courseTitle: found.course.title,
		quizTitle: found.quiz.title,
		items: presentAttempt(found.quiz.definition, [entry], courseImages(found.course))
	};
}

function feedbackFor(card: ReviewCard, courses: CourseLookup): ReviewScreen['feedback'] {
	const found = cardQuestion(card, courses);
	if (!found || !card.layout || card.answer === null) return null;
	if (card.layout_version !== found.quiz.version) return null;
	const entry = JSON.parse(card.layout) as LayoutEntry;
	const correct = card.answer_correct === 1;
	const responses = new Map([
		[found.question.id, { answer: parseStoredAnswer(card.answer), correct }]
	]);
	return {
		courseTitle: found.course.title,
		correct,
		due: card.due,
		items: reviewAttemptLayout(
			found.quiz.definition,
			[entry],
			responses,
			courseImages(found.course)
		)
	};
}

export type ReviewAnswerResult =
	{ ok: true; cardId: string } | { ok: false; status: 400 | 409; message: string };

/**
 * Grades a review answer on the server against the question as the course has it now, and
 * reschedules the card by the outcome. Answering the same showing twice (a double click, a
 * resent form) schedules once: the second finds the answer stored and changes nothing.
 * Quiz attempts, progress and certificates are not touched.
 */
export async function answerReview(
	db: Database,
	userId: string,
	cardId: string,
	field: FormField,
	now: Date,
	courses: CourseLookup = findCourse
): Promise<ReviewAnswerResult> {
	const card = await findCard(db, userId, cardId);
	if (!card) {
		return {
			ok: false,
			status: 400,
			message: 'This review question was not found. Reload the page.'
		};
	}
	if (card.answer !== null) return { ok: true, cardId };
	const found = cardQuestion(card, courses);
	const entry = found && pendingLayout(card, found);
	if (!found || !entry) {
		// The course changed under the page: the next showing draws the question as it is now.
		return {
			ok: false,
			status: 409,
			message:
				'This question was changed or removed from its course since the page was loaded. Here is the review as it is now.'
		};
	}
	let answer;
	try {
		answer = readAnswers([entry], [found.question], field).get(found.question.id);
	} catch (error) {
		if (!(error instanceof QuizInputError)) throw error;
		const message =
			error instanceof UnansweredError ? 'Answer the question before checking it.' : error.message;
		return { ok: false, status: 400, message };
	}
	const correct = isCorrect(found.question, answer);
	const unsure = field(UNSURE_FIELD).length > 0;
	const schedule = nextSchedule(card, now, ratingFor(correct, unsure));
	await db
		.updateTable('review_card')
		.set({ ...schedule, answer: JSON.stringify(answer), answer_correct: correct ? 1 : 0 })
		.where('id', '=', card.id)
		.where('answer', 'is', null)
		.execute();
	return { ok: true, cardId };
}
