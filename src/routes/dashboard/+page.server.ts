import { requireUser } from '$lib/server/auth/guards';
import { certificatesOf } from '$lib/server/certificates/issue';
import { findCourse, summarizeCourse } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { courseProgress, enrolledCourseIds } from '$lib/server/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const courses = await Promise.all(
		(await enrolledCourseIds(db, user.id)).flatMap((courseId) => {
			const course = findCourse(courseId);
			if (!course) return [];
			return [
				courseProgress(db, user.id, course).then((progress) => ({
					...summarizeCourse(course),
					percent: progress.percent,
					continueLessonId: progress.continueLessonId,
					continueTitle: course.lessons.find((l) => l.id === progress.continueLessonId)!.title
				}))
			];
		})
	);
	const certificates = (await certificatesOf(db, user.id)).map((c) => ({
		code: c.code,
		courseTitle: c.course_title,
		ceHours: c.ce_hours,
		completionDate: c.completion_date,
		revoked: c.revoked_at !== null
	}));
	return { name: user.name, courses, certificates };
};
