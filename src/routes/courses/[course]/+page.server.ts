import { error, fail, redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { requireUser } from '$lib/server/auth/guards';
import { findCertificateFor } from '$lib/server/certificates/issue';
import { findCourse, summarizeCourse, type Course } from '$lib/server/content';
import { prerequisitesProblem } from '$lib/server/course-access';
import { getDb } from '$lib/server/db';
import {
	courseProgress,
	enroll,
	isEnrolled,
	prerequisiteMessage,
	unmetPrerequisites
} from '$lib/server/progress';
import type { Actions, PageServerLoad } from './$types';
import { quizRules } from './rules.server';

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
	const [progress, certificate, unmet] = await Promise.all([
		user && enrolled ? courseProgress(db, user.id, course) : undefined,
		user && enrolled ? findCertificateFor(db, user.id, course.id) : undefined,
		user ? unmetPrerequisites(db, user.id, course) : undefined
	]);
	const titleOf = (id: string) => findCourse(id)?.title ?? id;
	const continueLesson = progress
		? course.lessons.find((l) => l.id === progress.continueLessonId)
		: undefined;
	return {
		course: {
			...summarizeCourse(course),
			objectives: course.objectives,
			instructors: course.instructors,
			ncbtmbApprovalNumber: course.ncbtmbApprovalNumber,
			floridaProgramNumber: course.floridaProgramNumber,
			file: course.file
		},
		/** `held`: whether the signed-in student has its certificate; null when signed out. */
		prerequisites: course.prerequisites.map((id) => ({
			id,
			title: titleOf(id),
			held: unmet ? !unmet.includes(id) : null
		})),
		/** Why this user cannot enrol yet, if so. */
		locked:
			!enrolled && unmet && unmet.length > 0 ? prerequisiteMessage(unmet.map(titleOf)) : undefined,
		quizzes: quizRules(course),
		modules: course.modules.map((m) => ({
			id: m.id,
			title: m.title,
			summary: m.summary ?? null,
			file: m.file,
			lessons: m.lessons.map((l) => ({
				id: l.id,
				title: l.title,
				minutes: l.minutes,
				required: l.required,
				draft: l.draft,
				hasQuiz: l.quiz !== undefined,
				complete: progress?.completedLessonIds.has(l.id) ?? false
			}))
		})),
		finalQuiz: course.finalQuiz
			? { title: course.finalQuiz.title, passed: progress?.finalQuizPassed ?? false }
			: null,
		signedIn: user !== null,
		enrolled,
		prerequisitesEnforced: !dev,
		percent: progress?.percent,
		/** Where "continue" leads: the lesson last opened (enrollment.last_lesson_id), else the first. */
		continueLesson: continueLesson ? { id: continueLesson.id, title: continueLesson.title } : null,
		certificateCode: certificate?.code
	};
};

export const actions: Actions = {
	enroll: async (event) => {
		const course = courseOr404(event.params.course);
		const user = requireUser(event);
		const db = getDb();
		// In `npm run dev` authors preview any course; the live site asks for prerequisites first.
		const problem = dev ? undefined : await prerequisitesProblem(db, user.id, course);
		if (problem) return fail(403, { message: problem });
		await enroll(db, user.id, course);
		redirect(303, `/courses/${course.id}/${course.lessons[0]!.id}`);
	}
};
