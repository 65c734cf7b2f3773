import { error, fail, redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { requireUser } from '$lib/server/auth/guards';
import { findCertificateFor } from '$lib/server/certificates/issue';
import { findCourse } from '$lib/server/content';
import { requireCourseAccess } from '$lib/server/course-access';
import { getDb } from '$lib/server/db';
import {
	EvaluationClosedError,
	evaluationSchema,
	findEvaluation,
	RATINGS,
	submitEvaluation
} from '$lib/server/evaluation';
import { invalid, parseForm, readFormData } from '$lib/server/forms';
import { courseProgress } from '$lib/server/progress';
import { courseOutline } from '../outline.server';
import type { Actions, PageServerLoad } from './$types';

function courseOr404(id: string) {
	const course = findCourse(id);
	if (!course) error(404, 'There is no course at this address.');
	return course;
}

export const load: PageServerLoad = async (event) => {
	const course = courseOr404(event.params.course);
	const user = requireUser(event);
	const db = getDb();
	const { enrolled } = await requireCourseAccess(db, user, course, { enforcePrerequisites: !dev });
	const [progress, evaluation, certificate] = enrolled
		? await Promise.all([
				courseProgress(db, user.id, course),
				findEvaluation(db, user.id, course.id),
				findCertificateFor(db, user.id, course.id)
			])
		: [undefined, undefined, undefined];
	return {
		...courseOutline(course, 'evaluation', progress),
		enrolled,
		percent: progress?.percent,
		ratings: RATINGS.map((r) => ({ name: r.name, label: r.label })),
		evaluation: evaluation
			? {
					objectives: evaluation.objectives,
					instructor: evaluation.instructor,
					materials: evaluation.materials,
					relevance: evaluation.relevance,
					comments: evaluation.comments,
					updatedAt: evaluation.updated_at
				}
			: null,
		/** Once the certificate is issued the evaluation is kept as it was. */
		closed: certificate !== undefined,
		certificateCode: certificate?.code,
		stepsLeft: progress ? progress.totalRequired - progress.completedRequired : 0,
		saved: event.url.searchParams.has('saved')
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const course = courseOr404(event.params.course);
		const user = requireUser(event);
		const db = getDb();
		const form = await readFormData(event.request);
		const { enrolled } = await requireCourseAccess(db, user, course, {
			enforcePrerequisites: !dev
		});
		if (!enrolled) {
			return fail(403, {
				message: 'Only students enrolled in this course evaluate it.',
				errors: {},
				values: {}
			});
		}
		const parsed = parseForm(form, evaluationSchema);
		if (!parsed.ok) return invalid(parsed);
		try {
			await submitEvaluation(db, user.id, course, parsed.data);
		} catch (e) {
			if (e instanceof EvaluationClosedError) {
				return fail(409, { message: e.message, errors: {}, values: {} });
			}
			throw e;
		}
		redirect(303, `/courses/${course.id}/evaluation?saved`);
	}
};
