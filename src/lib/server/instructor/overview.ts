import type { Course } from '../content';
import type { Database } from '../db';
import { attemptCountsByCourse } from '../quiz/statistics';

export interface CourseFigures {
	id: string;
	title: string;
	enrolled: number;
	/** Students holding the course's certificate (revoked ones left out). */
	completed: number;
	/** Submitted quiz attempts, and how many of them passed. */
	attempts: number;
	passedAttempts: number;
}

/** Enrolment, completion and pass figures of each course, from indexed counts. */
export async function courseFigures(db: Database, courses: Course[]): Promise<CourseFigures[]> {
	const ids = courses.map((c) => c.id);
	if (ids.length === 0) return [];
	const [enrolled, completed, attempts] = await Promise.all([
		db
			.selectFrom('enrollment')
			.select(['course_id', (eb) => eb.fn.countAll<number>().as('n')])
			.where('course_id', 'in', ids)
			.groupBy('course_id')
			.execute(),
		db
			.selectFrom('certificate')
			.select(['course_id', (eb) => eb.fn.count<number>('user_id').distinct().as('n')])
			.where('course_id', 'in', ids)
			.where('revoked_at', 'is', null)
			.groupBy('course_id')
			.execute(),
		attemptCountsByCourse(db, ids)
	]);
	const count = (rows: { course_id: string; n: number }[], id: string) =>
		Number(rows.find((r) => r.course_id === id)?.n ?? 0);
	return courses.map((c) => ({
		id: c.id,
		title: c.title,
		enrolled: count(enrolled, c.id),
		completed: count(completed, c.id),
		attempts: attempts.get(c.id)?.attempts ?? 0,
		passedAttempts: attempts.get(c.id)?.passed ?? 0
	}));
}
