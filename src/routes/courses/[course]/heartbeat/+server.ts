import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { findCourse, findLesson } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import { isEnrolled, recordReadingPosition } from '$lib/server/progress';
import { recordHeartbeat } from '$lib/server/time-on-task';
import type { RequestHandler } from './$types';

/**
 * The lesson page's heartbeat while it is visible: time on task, and where the student is reading
 * (thousandths of the lesson). Sent by a small script; the server bounds what it credits
 * (time-on-task.ts), so a client can claim no more than the time that passed.
 */
export const POST: RequestHandler = async (event) => {
	const user = requireUser(event);
	const course = findCourse(event.params.course);
	if (!course) error(404, 'There is no course at this address.');
	const form = await readFormData(event.request);
	const one = (name: string) => {
		const values = form.getAll(name);
		return values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
	};
	const lesson = findLesson(course, one('lesson') ?? '');
	if (!lesson) error(400, 'Name the lesson being read.');
	const position = one('position');
	if (position !== undefined && !/^\d{1,4}$/.test(position)) {
		error(400, 'A reading position is a whole number from 0 to 1000.');
	}
	const db = getDb();
	if (!(await isEnrolled(db, user.id, course.id))) {
		error(403, 'Only students enrolled in this course record time in it.');
	}
	await recordHeartbeat(db, user.id, {
		courseId: course.id,
		lessonId: lesson.id,
		resume: one('resume') === '1'
	});
	if (position !== undefined) {
		await recordReadingPosition(
			db,
			user.id,
			course.id,
			lesson.id,
			Math.min(1000, Number(position))
		);
	}
	return new Response(null, { status: 204 });
};
