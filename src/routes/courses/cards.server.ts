import type { SessionUser } from '$lib/server/auth/session';
import { listCourses, summarizeCourse, type CourseSummary } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { courseProgress, enrolledCourseIds } from '$lib/server/progress';

export interface CourseCardData extends CourseSummary {
	/** The signed-in student's progress, or null when they are not enrolled (or signed out). */
	percent: number | null;
	/** Titles of the courses to complete first. */
	prerequisiteTitles: string[];
}

/**
 * The catalogue as cards, with the visitor's progress in the courses they are enrolled in. The
 * catalogue itself is indexed in memory; a signed-in visitor costs one query for their
 * enrolments and a few for each course they are enrolled in.
 */
export async function courseCards(user: SessionUser | null): Promise<CourseCardData[]> {
	const courses = listCourses();
	const titles = new Map(courses.map((c) => [c.id, c.title]));
	const db = user ? getDb() : undefined;
	const enrolled = new Set(user && db ? await enrolledCourseIds(db, user.id) : []);
	return Promise.all(
		courses.map(async (course) => ({
			...summarizeCourse(course),
			percent:
				user && db && enrolled.has(course.id)
					? (await courseProgress(db, user.id, course)).percent
					: null,
			prerequisiteTitles: course.prerequisites.map((id) => titles.get(id) ?? id)
		}))
	);
}
