import { sql } from 'kysely';
import type { Database } from './db';

/**
 * Time on task, from heartbeats the lesson page sends while it is visible. The server credits a
 * beat with the time since the student's previous beat (in any lesson or tab), and at most
 * BEAT_CAP_MS: whatever a client sends, the credited time never exceeds the wall-clock time that
 * passed, and a page left open in a hidden tab, which sends nothing, earns nothing beyond one cap.
 */

/** How often the page beats while visible. */
export const BEAT_INTERVAL_MS = 15_000;
/** The most one beat can credit: two intervals, so a late beat on a slow phone still counts. */
export const BEAT_CAP_MS = 30_000;

export interface Beat {
	courseId: string;
	lessonId: string;
	/** The page became visible again: restart the clock, credit nothing for the time away. */
	resume: boolean;
}

/** Records one heartbeat and returns the milliseconds it credited. */
export async function recordHeartbeat(
	db: Database,
	userId: string,
	beat: Beat,
	now = new Date()
): Promise<number> {
	const at = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const previous = await trx
			.selectFrom('lesson_time')
			.select((eb) => eb.fn.max('last_beat_at').as('at'))
			.where('user_id', '=', userId)
			.executeTakeFirst();
		const since = previous?.at ? now.getTime() - Date.parse(previous.at) : 0;
		const credit = beat.resume ? 0 : Math.max(0, Math.min(since, BEAT_CAP_MS));
		await trx
			.insertInto('lesson_time')
			.values({
				user_id: userId,
				course_id: beat.courseId,
				lesson_id: beat.lessonId,
				milliseconds: credit,
				last_beat_at: at
			})
			.onConflict((oc) =>
				oc.columns(['user_id', 'course_id', 'lesson_id']).doUpdateSet({
					milliseconds: sql`lesson_time.milliseconds + ${credit}`,
					last_beat_at: at
				})
			)
			.execute();
		return credit;
	});
}

/** Seconds credited per lesson of a course, for the student, their instructors and records. */
export async function timeOnTaskByLesson(
	db: Database,
	userId: string,
	courseId: string
): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('lesson_time')
		.select(['lesson_id', 'milliseconds'])
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.execute();
	return new Map(rows.map((r) => [r.lesson_id, Math.floor(Number(r.milliseconds) / 1000)]));
}

/** Seconds credited in a whole course. */
export async function timeOnTaskTotal(
	db: Database,
	userId: string,
	courseId: string
): Promise<number> {
	const row = await db
		.selectFrom('lesson_time')
		.select((eb) => eb.fn.sum<number | string | null>('milliseconds').as('total'))
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.executeTakeFirst();
	return Math.floor(Number(row?.total ?? 0) / 1000);
}

/** Seconds credited per student of a course, for the instructor roster: user id → seconds. */
export async function timeOnTaskByStudent(
	db: Database,
	courseId: string
): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('lesson_time')
		.select(['user_id', (eb) => eb.fn.sum<number | string>('milliseconds').as('total')])
		.where('course_id', '=', courseId)
		.groupBy('user_id')
		.execute();
	return new Map(rows.map((r) => [r.user_id, Math.floor(Number(r.total) / 1000)]));
}

/** "1 h 05 min", "12 min", "under a minute": time on task as a student reads it. */
export function formatDuration(seconds: number): string {
	const minutes = Math.floor(seconds / 60);
	if (minutes < 1) return seconds > 0 ? 'under a minute' : 'none yet';
	const hours = Math.floor(minutes / 60);
	if (hours === 0) return `${minutes} min`;
	return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}
