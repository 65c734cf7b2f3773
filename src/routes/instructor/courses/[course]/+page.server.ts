import { getDb } from '$lib/server/db';
import { dateInOrganisation, daysBetween, timeInOrganisation } from '$lib/server/dates';
import { readQuery } from '$lib/server/forms';
import { courseQuizzes, requireCourseStaff } from '$lib/server/instructor/access';
import {
	courseRoster,
	INACTIVE_DAYS,
	ROSTER_PAGE_SIZE,
	rosterQuery,
	selectRoster
} from '$lib/server/instructor/roster';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = getDb();
	const { course } = await requireCourseStaff(event, db, event.params.course);
	const query = readQuery(event.url.searchParams, rosterQuery);
	const now = new Date();
	const today = dateInOrganisation(now);
	const all = await courseRoster(db, course);
	const selected = selectRoster(all, query, now);
	const pages = Math.max(1, Math.ceil(selected.length / ROSTER_PAGE_SIZE));
	const page = Math.min(query.page, pages);
	const quizzes = courseQuizzes(course);
	return {
		course: { id: course.id, title: course.title },
		query,
		quizzes: quizzes.map((q) => ({ id: q.id, title: q.title })),
		total: all.length,
		matching: selected.length,
		page,
		pages,
		pageSize: ROSTER_PAGE_SIZE,
		inactiveDays: INACTIVE_DAYS,
		students: selected.slice((page - 1) * ROSTER_PAGE_SIZE, page * ROSTER_PAGE_SIZE).map((s) => ({
			id: s.userId,
			name: s.name,
			email: s.email,
			deactivated: s.deactivated,
			status: s.status,
			percent: s.percent,
			completedRequired: s.completedRequired,
			totalRequired: s.totalRequired,
			enrolledOn: s.enrolledOn,
			lastActivity: s.lastActivityAt ? timeInOrganisation(s.lastActivityAt) : null,
			daysIdle: s.lastActivityAt ? daysBetween(dateInOrganisation(s.lastActivityAt), today) : null,
			timeOnTask: s.timeOnTask,
			quizzes: s.quizzes,
			certificate: s.certificate
		}))
	};
};
