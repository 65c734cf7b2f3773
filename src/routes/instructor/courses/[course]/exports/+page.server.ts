import { getDb } from '$lib/server/db';
import { readQuery } from '$lib/server/forms';
import { courseQuizzes, requireCourseStaff } from '$lib/server/instructor/access';
import { dateRange } from '$lib/server/instructor/exports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = getDb();
	const { course } = await requireCourseStaff(event, db, event.params.course);
	return {
		course: { id: course.id, title: course.title },
		quizzes: courseQuizzes(course).map((q) => ({ id: q.id, title: q.title })),
		range: readQuery(event.url.searchParams, dateRange)
	};
};
