import { error, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { findCertificateFor } from '$lib/server/certificates/issue';
import { findCourse, summarizeCourse, type Course } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { courseProgress, enroll, isEnrolled } from '$lib/server/progress';
import type { Actions, PageServerLoad } from './$types';

function courseOr404(id: string): Course {
	const course = findCourse(id);
	if (!course) error(404, 'There is no course at this address.');
	return course;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const course = courseOr404(params.course);
	const db = getDb();
	const user = locals.user;
	const enrolled = user ? await isEnrolled(db, user.id, course.id) : false;
	const progress = user && enrolled ? await courseProgress(db, user.id, course) : undefined;
	const certificate =
		user && enrolled ? await findCertificateFor(db, user.id, course.id) : undefined;
	return {
		course: { ...summarizeCourse(course), objectives: course.objectives, file: course.file },
		lessons: course.lessons.map((l) => ({
			id: l.id,
			title: l.title,
			minutes: l.minutes,
			required: l.required,
			hasQuiz: l.quiz !== undefined,
			complete: progress?.completedLessonIds.has(l.id) ?? false
		})),
		enrolled,
		percent: progress?.percent,
		continueLessonId: progress?.continueLessonId,
		certificateCode: certificate?.code
	};
};

export const actions: Actions = {
	enroll: async (event) => {
		const course = courseOr404(event.params.course);
		const user = requireUser(event);
		await enroll(getDb(), user.id, course);
		redirect(303, `/courses/${course.id}/${course.lessons[0]!.id}`);
	}
};
