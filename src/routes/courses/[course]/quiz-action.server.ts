import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { requireUser } from '$lib/server/auth/guards';
import type { Course, Quiz } from '$lib/server/content';
import { requireCourseAccess } from '$lib/server/course-access';
import { getDb, type Database } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import type { EchoedAnswers } from '$lib/server/quiz/form';

type Refusal = { ok: false; status: number; message: string; answers: EchoedAnswers };

/**
 * What every quiz form action (submit and save draft, on a lesson or the final quiz) does first:
 * the signed-in student, enrolled (prerequisites asked for on the live site), hands the posted
 * form to `handle`. A refusal becomes the 4xx failure that echoes the answers back to the form.
 */
export async function quizFormAction<R extends { ok: true } | Refusal>(
	event: RequestEvent,
	course: Course,
	quiz: Quiz,
	handle: (db: Database, userId: string, quiz: Quiz, form: FormData) => Promise<R>
): Promise<
	| { failure: ActionFailure<{ message: string; answers: EchoedAnswers }> }
	| { failure: null; db: Database; userId: string; result: Extract<R, { ok: true }> }
> {
	const user = requireUser(event);
	const db = getDb();
	const form = await readFormData(event.request);
	const { enrolled } = await requireCourseAccess(db, user, course, { enforcePrerequisites: !dev });
	if (!enrolled) {
		return {
			failure: fail(403, { message: 'Enrol in this course to take its quiz.', answers: {} })
		};
	}
	const result = await handle(db, user.id, quiz, form);
	if (!result.ok) {
		return { failure: fail(result.status, { message: result.message, answers: result.answers }) };
	}
	return { failure: null, db, userId: user.id, result: result as Extract<R, { ok: true }> };
}
