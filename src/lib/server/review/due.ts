import type { Database } from '../db';
import type { ReviewCard } from '../db/schema';
import { findCourse, type Course, type Quiz } from '../content';
import { allQuestions, type Question } from '../content/quiz-schema';

/** Finds a published course by id: the catalogue's, or a spec's own. */
export type CourseLookup = (courseId: string) => Course | undefined;

/** Where a card's question lives now: the course, the quiz and the question (and its case). */
export interface CardQuestion {
	course: Course;
	quiz: Quiz;
	question: Question;
	/** The case group the question belongs to, so its vignette is shown with it. */
	caseId: string | undefined;
}

/**
 * The card's question in the current content, or undefined when the course, its quiz or the
 * question is gone (or unpublished): such cards are skipped, never shown broken.
 */
export function cardQuestion(
	card: Pick<ReviewCard, 'course_id' | 'quiz_id' | 'question_id'>,
	courses: CourseLookup = findCourse
): CardQuestion | undefined {
	const course = courses(card.course_id);
	if (!course) return undefined;
	const quiz =
		course.lessons.find((l) => l.quiz?.id === card.quiz_id)?.quiz ??
		(course.finalQuiz?.id === card.quiz_id ? course.finalQuiz : undefined);
	if (!quiz) return undefined;
	const question = allQuestions(quiz.definition).find((q) => q.id === card.question_id);
	if (!question) return undefined;
	const caseGroup = quiz.definition.questions.find(
		(item) => item.type === 'case' && item.questions.some((q) => q.id === question.id)
	);
	return { course, quiz, question, caseId: caseGroup?.id };
}

/** The student's cards due at `now` whose question still exists, the longest due first. */
export async function dueCards(
	db: Database,
	userId: string,
	now: Date,
	courses: CourseLookup = findCourse
): Promise<ReviewCard[]> {
	const rows = await db
		.selectFrom('review_card')
		.selectAll()
		.where('user_id', '=', userId)
		.where('due', '<=', now.toISOString())
		.orderBy('due')
		.orderBy('id')
		.execute();
	return rows.filter((card) => cardQuestion(card, courses) !== undefined);
}

/** How many questions `/review` has for the student now: one query, whatever the courses. */
export async function dueCount(
	db: Database,
	userId: string,
	now: Date,
	courses: CourseLookup = findCourse
): Promise<number> {
	const rows = await db
		.selectFrom('review_card')
		.select(['course_id', 'quiz_id', 'question_id'])
		.where('user_id', '=', userId)
		.where('due', '<=', now.toISOString())
		.execute();
	return rows.filter((card) => cardQuestion(card, courses) !== undefined).length;
}
