import { error, redirect } from '@sveltejs/kit';
import { canPreviewCourse } from './auth/guards';
import type { SessionUser } from './auth/session';
import { findCourse, type Course } from './content';
import type { Database } from './db';
import { isEnrolled, prerequisiteMessage, unmetPrerequisites } from './progress';

/** The prerequisites a student still lacks, in words, or undefined when there are none. */
export async function prerequisitesProblem(
	db: Database,
	userId: string,
	course: Course
): Promise<string | undefined> {
	const unmet = await unmetPrerequisites(db, userId, course);
	if (unmet.length === 0) return undefined;
	return prerequisiteMessage(unmet.map((id) => findCourse(id)?.title ?? id));
}

/**
 * Who may open a course's lessons and quizzes: enrolled students who hold the certificates of
 * its prerequisites, and the course's instructors and admins previewing it. Others go to the
 * course page (to enrol) or get a 403 saying which course to complete first.
 */
export async function requireCourseAccess(
	db: Database,
	user: SessionUser,
	course: Course,
	options: { enforcePrerequisites: boolean }
): Promise<{ enrolled: boolean }> {
	if (!(await isEnrolled(db, user.id, course.id))) {
		if (await canPreviewCourse(db, user, course.id)) return { enrolled: false };
		redirect(303, `/courses/${course.id}`);
	}
	if (options.enforcePrerequisites) {
		const problem = await prerequisitesProblem(db, user.id, course);
		if (problem) error(403, problem);
	}
	return { enrolled: true };
}
