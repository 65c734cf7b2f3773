import { error, redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { requireUser } from '$lib/server/auth/guards';
import { findCertificateFor, issueCertificateIfComplete } from '$lib/server/certificates/issue';
import { findCourse } from '$lib/server/content';
import { requireCourseAccess } from '$lib/server/course-access';
import { getDb } from '$lib/server/db';
import { courseProgress } from '$lib/server/progress';
import { saveDraftForm, submitQuizForm } from '$lib/server/quiz/form';
import { quizSection } from '$lib/server/quiz/view';
import { courseOutline } from '../outline.server';
import { quizFormAction } from '../quiz-action.server';
import type { Actions, PageServerLoad } from './$types';

function finalQuizOr404(courseId: string) {
	const course = findCourse(courseId);
	if (!course?.finalQuiz) error(404, 'This course has no final quiz.');
	return { course, quiz: course.finalQuiz };
}

export const load: PageServerLoad = async (event) => {
	const { course, quiz } = finalQuizOr404(event.params.course);
	const user = requireUser(event);
	const db = getDb();
	const { enrolled } = await requireCourseAccess(db, user, course, { enforcePrerequisites: !dev });
	const progress = enrolled ? await courseProgress(db, user.id, course) : undefined;
	const certificate = progress?.complete
		? await findCertificateFor(db, user.id, course.id)
		: undefined;
	return {
		...courseOutline(course, 'final-quiz', progress),
		quiz: await quizSection(db, user.id, course, quiz, {
			enrolled,
			reviewAttemptId: event.url.searchParams.get('attempt'),
			preview: dev
		}),
		enrolled,
		percent: progress?.percent,
		evaluationSubmitted: progress?.evaluationSubmitted ?? false,
		certificateCode: certificate?.code
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { course, quiz } = finalQuizOr404(event.params.course);
		const posted = await quizFormAction(event, course, quiz, submitQuizForm);
		if (posted.failure) return posted.failure;
		const { db, userId, result } = posted;
		// Passing the final quiz can be the last step of the completion rule.
		if (result.attempt.passed === 1) await issueCertificateIfComplete(db, userId, course);
		redirect(303, `/courses/${course.id}/final-quiz?attempt=${result.attempt.id}#result`);
	},

	draft: async (event) => {
		const { course, quiz } = finalQuizOr404(event.params.course);
		const posted = await quizFormAction(event, course, quiz, saveDraftForm);
		if (posted.failure) return posted.failure;
		redirect(303, `/courses/${course.id}/final-quiz#quiz-form`);
	}
};
