import type { Database } from '../db';
import type { Quiz } from '../content';
import { newSchedule } from './scheduler';

/**
 * Puts questions of a submitted attempt into the student's review: a new card, due at once,
 * for each; a card already scheduled for later is brought forward to now, since the student
 * has just shown they need it. Runs inside the submission's transaction.
 */
export async function addToReview(
	db: Database,
	userId: string,
	quiz: Pick<Quiz, 'courseId' | 'id'>,
	questionIds: readonly string[],
	now: Date
): Promise<void> {
	if (questionIds.length === 0) return;
	const at = now.toISOString();
	await db
		.insertInto('review_card')
		.values(
			questionIds.map((questionId) => ({
				id: crypto.randomUUID(),
				user_id: userId,
				course_id: quiz.courseId,
				quiz_id: quiz.id,
				question_id: questionId,
				created_at: at,
				...newSchedule(now)
			}))
		)
		.onConflict((oc) =>
			oc
				.columns(['user_id', 'course_id', 'quiz_id', 'question_id'])
				.doUpdateSet({ due: at })
				.where('review_card.due', '>', at)
		)
		.execute();
}
