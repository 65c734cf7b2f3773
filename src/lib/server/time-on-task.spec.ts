import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from './db';
import { openTestDb } from './db/test-db';
import { createUser } from './db/users';
import {
	BEAT_CAP_MS,
	formatDuration,
	recordHeartbeat,
	timeOnTaskByLesson,
	timeOnTaskByStudent,
	timeOnTaskTotal
} from './time-on-task';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

async function student(email = 'ana@example.com') {
	const user = await createUser(db, { email, name: 'Ana Lima', passwordHash: 'not-checked' });
	if (!user) throw new Error('test setup: user not created');
	return user.id;
}

const T0 = Date.parse('2026-11-28T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const beat = (lessonId: string, resume = false) => ({ courseId: 'course-a', lessonId, resume });

async function creditedMs(userId: string): Promise<number> {
	const rows = await db
		.selectFrom('lesson_time')
		.select('milliseconds')
		.where('user_id', '=', userId)
		.execute();
	return rows.reduce((sum, r) => sum + Number(r.milliseconds), 0);
}

describe('heartbeats', () => {
	it('credit 100 beats sent within one second with at most that second', async () => {
		const userId = await student();
		await recordHeartbeat(db, userId, beat('lesson-1', true), at(0));
		for (let i = 1; i <= 100; i++) {
			await recordHeartbeat(db, userId, beat('lesson-1'), at(i * 10 - 1));
		}
		expect(await creditedMs(userId)).toBeLessThanOrEqual(1000);
		expect(await timeOnTaskTotal(db, userId, 'course-a')).toBeLessThanOrEqual(1);
	});

	it('credit no more than the wall-clock time when flooded at once, in several lessons', async () => {
		const userId = await student();
		const started = Date.now();
		await Promise.all(
			Array.from({ length: 100 }, (_, i) =>
				recordHeartbeat(db, userId, beat(i % 2 ? 'lesson-1' : 'lesson-2'))
			)
		);
		const elapsed = Date.now() - started;
		expect(await creditedMs(userId)).toBeLessThanOrEqual(elapsed);
	});

	it('credit a steady visible page its time, each beat capped', async () => {
		const userId = await student();
		await recordHeartbeat(db, userId, beat('lesson-1', true), at(0));
		await recordHeartbeat(db, userId, beat('lesson-1'), at(15_000));
		await recordHeartbeat(db, userId, beat('lesson-1'), at(30_000));
		// Ten minutes later (a beat that took long to come): one cap, not ten minutes.
		await recordHeartbeat(db, userId, beat('lesson-1'), at(630_000));
		expect(await creditedMs(userId)).toBe(30_000 + BEAT_CAP_MS);
	});

	it('credit nothing for the time a tab was hidden: it sends nothing, then resumes', async () => {
		const userId = await student();
		await recordHeartbeat(db, userId, beat('lesson-1', true), at(0));
		await recordHeartbeat(db, userId, beat('lesson-1'), at(10_000));
		// Hidden for an hour: no beats. Shown again: a resume beat restarts the clock.
		await recordHeartbeat(db, userId, beat('lesson-1', true), at(3_610_000));
		expect(await creditedMs(userId)).toBe(10_000);
	});

	it('credit nothing for a clock that goes backwards', async () => {
		const userId = await student();
		await recordHeartbeat(db, userId, beat('lesson-1', true), at(60_000));
		await recordHeartbeat(db, userId, beat('lesson-1'), at(0));
		expect(await creditedMs(userId)).toBe(0);
	});

	it('sum per lesson, per course and per student', async () => {
		const ana = await student();
		const bea = await student('bea@example.com');
		await recordHeartbeat(db, ana, beat('lesson-1', true), at(0));
		await recordHeartbeat(db, ana, beat('lesson-1'), at(20_000));
		await recordHeartbeat(db, ana, beat('lesson-2'), at(45_000));
		await recordHeartbeat(db, bea, beat('lesson-2', true), at(0));
		await recordHeartbeat(db, bea, beat('lesson-2'), at(5_000));

		expect(await timeOnTaskByLesson(db, ana, 'course-a')).toEqual(
			new Map([
				['lesson-1', 20],
				['lesson-2', 25]
			])
		);
		expect(await timeOnTaskTotal(db, ana, 'course-a')).toBe(45);
		expect(await timeOnTaskTotal(db, ana, 'course-b')).toBe(0);
		expect(await timeOnTaskByStudent(db, 'course-a')).toEqual(
			new Map([
				[ana, 45],
				[bea, 5]
			])
		);
	});
});

describe('formatDuration', () => {
	it('reads as a student would say it', () => {
		expect(formatDuration(0)).toBe('none yet');
		expect(formatDuration(42)).toBe('under a minute');
		expect(formatDuration(12 * 60 + 5)).toBe('12 min');
		expect(formatDuration(3600 + 5 * 60)).toBe('1 h 05 min');
	});
});
