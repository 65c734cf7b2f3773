import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { timeInOrganisation } from '$lib/server/dates';
import { courseQuizzes, requireCourseStaff } from '$lib/server/instructor/access';
import { studentRecord } from '$lib/server/instructor/student';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = getDb();
	const { course } = await requireCourseStaff(event, db, event.params.course);
	const record = await studentRecord(db, course, event.params.student);
	if (!record) error(404, 'That person is not enrolled in this course.');
	const time = (iso: string | null) => (iso ? timeInOrganisation(iso) : null);
	return {
		course: { id: course.id, title: course.title },
		quizzes: courseQuizzes(course).map((q) => ({ id: q.id, title: q.title })),
		student: record.student,
		enrolledAt: time(record.enrolledAt),
		via: record.via,
		lastActivity: time(record.lastActivityAt),
		lessons: record.lessons.map((l) => ({
			...l,
			openedAt: time(l.openedAt),
			completedAt: time(l.completedAt)
		})),
		attempts: record.attempts.map((a) => ({ ...a, submittedAt: time(a.submittedAt) })),
		certificate: record.certificate
	};
};
