import { error, type RequestEvent } from '@sveltejs/kit';
import { canPreviewCourse, requireRole } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import { findCourse, listCourses, type Course, type Quiz } from '../content';
import type { Database } from '../db';
import { coursesTaughtBy } from '../db/instructors';

/**
 * The course behind an instructor page, for its instructors and admins only. Students get 403
 * before anything about the course is looked up; an instructor of other courses gets 403 too.
 */
export async function requireCourseStaff(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	db: Database,
	courseId: string
): Promise<{ user: SessionUser; course: Course }> {
	const user = requireRole(event, 'instructor', 'admin');
	const course = findCourse(courseId);
	if (!course) error(404, 'There is no course at this address.');
	if (!(await canPreviewCourse(db, user, course.id))) {
		error(403, 'Only the instructors of this course and administrators can see its students.');
	}
	return { user, course };
}

/** The courses a staff member follows: those assigned to an instructor, every course for an admin. */
export async function coursesFollowedBy(db: Database, user: SessionUser): Promise<Course[]> {
	if (user.role === 'admin') return listCourses();
	const taught = new Set(await coursesTaughtBy(db, user.id));
	return listCourses().filter((c) => taught.has(c.id));
}

export interface CourseQuiz {
	id: string;
	title: string;
	quiz: Quiz;
	/** The lesson the quiz belongs to, or null for the course's final quiz. */
	lessonId: string | null;
}

/** Every quiz of a course, in course order: the lessons' quizzes, then the final quiz. */
export function courseQuizzes(course: Course): CourseQuiz[] {
	const quizzes = [...course.lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])), course.finalQuiz];
	return quizzes.flatMap((quiz) =>
		quiz ? [{ id: quiz.id, title: quiz.title, quiz, lessonId: quiz.lessonId }] : []
	);
}
