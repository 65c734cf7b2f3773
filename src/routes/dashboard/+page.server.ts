import { requireUser } from '$lib/server/auth/guards';
import { certificatesOf } from '$lib/server/certificates/issue';
import { now } from '$lib/server/clock';
import { findCourse, summarizeCourse, type Course } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { coursesProgress, enrolledCourseIds } from '$lib/server/progress';
import { dueCount } from '$lib/server/review/due';
import { nextStep } from './next-step.server';
import type { PageServerLoad } from './$types';

// A fixed handful of queries whatever the number of courses: enrolments, then progress (three
// queries for all courses together), certificates and the review count side by side.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const courses = (await enrolledCourseIds(db, user.id)).flatMap((id): Course[] => {
		const course = findCourse(id);
		return course ? [course] : [];
	});
	const [progress, held, reviewDue] = await Promise.all([
		coursesProgress(db, user.id, courses),
		certificatesOf(db, user.id),
		dueCount(db, user.id, now())
	]);
	const certified = new Set(held.map((c) => c.course_id));
	const certificates = held.map((c) => ({
		code: c.code,
		courseTitle: c.course_title,
		ceHours: c.ce_hours,
		completionDate: c.completion_date,
		revoked: c.revoked_at !== null
	}));
	return {
		name: user.name,
		inProgress: courses
			.filter((course) => !certified.has(course.id))
			.map((course) => {
				const p = progress.get(course.id)!;
				return {
					...summarizeCourse(course),
					percent: p.percent,
					completedRequired: p.completedRequired,
					totalRequired: p.totalRequired,
					next: nextStep(course, p)
				};
			}),
		certificates,
		ceHoursEarned: held
			.filter((c) => c.revoked_at === null)
			.reduce((sum, c) => sum + c.ce_hours, 0),
		reviewDue
	};
};
