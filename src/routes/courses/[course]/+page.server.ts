import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { dev } from '$app/environment';
import { requireUser } from '$lib/server/auth/guards';
import { findCertificateFor } from '$lib/server/certificates/issue';
import { findCourse, summarizeCourse, type Course } from '$lib/server/content';
import { prerequisitesProblem } from '$lib/server/course-access';
import { getDb } from '$lib/server/db';
import { dateInOrganisation } from '$lib/server/dates';
import { enrollStudent } from '$lib/server/enrollment/enroll';
import { policyFor, windowProblem } from '$lib/server/enrollment/policy';
import { invalid, optionalText, readForm, throttled } from '$lib/server/forms';
import {
	courseProgress,
	isEnrolled,
	prerequisiteMessage,
	unmetPrerequisites
} from '$lib/server/progress';
import { clientIp } from '$lib/server/security/client';
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
	const [progress, certificate, unmet, policy] = await Promise.all([
		user && enrolled ? courseProgress(db, user.id, course) : undefined,
		user && enrolled ? findCertificateFor(db, user.id, course.id) : undefined,
		user ? unmetPrerequisites(db, user.id, course) : undefined,
		policyFor(db, course.id)
	]);
	const titleOf = (id: string) => findCourse(id)?.title ?? id;
	const continueLesson = progress
		? course.lessons.find((l) => l.id === progress.continueLessonId)
		: undefined;
	return {
		enrolment: {
			mode: policy.mode,
			closed: windowProblem(policy, dateInOrganisation(new Date())) ?? null
		},
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

const Enrol = z.object({ code: optionalText('the enrolment code', 40) });

export const actions: Actions = {
	enroll: async (event) => {
		const course = courseOr404(event.params.course);
		const user = requireUser(event);
		const form = await readForm(event.request, Enrol);
		if (!form.ok) return invalid(form);
		const db = getDb();
		// Prerequisites first, before a code's use is spent on a student who cannot start yet.
		// In `npm run dev` authors preview any course; the live site asks for them.
		const problem = dev ? undefined : await prerequisitesProblem(db, user.id, course);
		if (problem) {
			return fail(403, { message: problem, errors: {}, values: { code: form.data.code } });
		}
		// The course's enrolment rules are checked here, not only by what the page offers.
		const result = await enrollStudent(db, user.id, course, {
			code: form.data.code,
			ip: clientIp(event)
		});
		if (result.status === 'throttled') {
			return throttled(event, 'enrolment codes', result.retryAfterSeconds);
		}
		if (result.status === 'invalid' || result.status === 'closed') {
			const status = result.status === 'closed' ? 403 : 400;
			return fail(status, {
				message: result.message,
				errors: result.status === 'invalid' ? { code: result.message } : {},
				values: { code: form.data.code }
			});
		}
		redirect(303, `/courses/${course.id}/${course.lessons[0]!.id}`);
	}
};
