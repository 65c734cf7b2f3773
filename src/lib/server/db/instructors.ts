import type { Database } from './index';

export async function assignInstructor(
	db: Database,
	userId: string,
	courseId: string,
	now = new Date()
): Promise<void> {
	await db
		.insertInto('course_instructor')
		.values({ user_id: userId, course_id: courseId, assigned_at: now.toISOString() })
		.onConflict((oc) => oc.columns(['user_id', 'course_id']).doNothing())
		.execute();
}

/** True when the user is assigned to teach the course (roles alone grant no course). */
export async function isInstructorOf(
	db: Database,
	userId: string,
	courseId: string
): Promise<boolean> {
	const row = await db
		.selectFrom('course_instructor')
		.select('user_id')
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.executeTakeFirst();
	return row !== undefined;
}

export async function coursesTaughtBy(db: Database, userId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('course_instructor')
		.select('course_id')
		.where('user_id', '=', userId)
		.execute();
	return rows.map((r) => r.course_id);
}

export async function unassignInstructor(
	db: Database,
	userId: string,
	courseId: string
): Promise<boolean> {
	const result = await db
		.deleteFrom('course_instructor')
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}
