import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCourses } from '../content';
import type { Database } from '../db';
import { openSqlite } from '../db/sqlite';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { findCertificateFor, issueCertificateIfComplete, organisationDate } from './issue';

// The hash is never checked here; sign-in is covered by the auth specs.
const passwordHash = 'not-checked-in-this-spec';
const COMPLETED_AT = '2026-11-27T18:00:00.000Z';

let db: Database;
let file: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, file, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

function shippedCourse() {
	const course = listCourses().find((c) => c.id === 'foundations-of-medical-massage');
	if (!course) throw new Error('test setup: the shipped course is missing');
	return course;
}

async function makeStudent(email: string) {
	const user = await createUser(db, { email, name: 'Ana Lima', passwordHash });
	if (!user) throw new Error('test setup: user not created');
	return user;
}

/** Stores, directly, what a student who finished the course leaves behind. */
async function recordCompletion(userId: string) {
	const course = shippedCourse();
	for (const lesson of course.lessons) {
		await db
			.insertInto('lesson_progress')
			.values({
				user_id: userId,
				course_id: course.id,
				lesson_id: lesson.id,
				opened_at: COMPLETED_AT,
				completed_at: COMPLETED_AT
			})
			.execute();
	}
	const quizzes = [
		...course.lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])),
		...(course.finalQuiz ? [course.finalQuiz] : [])
	];
	for (const quiz of quizzes) {
		await db
			.insertInto('quiz_attempt')
			.values({
				id: crypto.randomUUID(),
				user_id: userId,
				course_id: course.id,
				lesson_id: quiz.lessonId ?? 'final-quiz',
				quiz_id: quiz.id,
				quiz_version: quiz.version,
				layout: '[]',
				started_at: COMPLETED_AT,
				submitted_at: COMPLETED_AT,
				correct_count: 1,
				question_count: 1,
				score: 100,
				passing_grade: quiz.passingGrade,
				passed: 1
			})
			.execute();
	}
}

function certificatesOf(userId: string) {
	return db.selectFrom('certificate').selectAll().where('user_id', '=', userId).execute();
}

describe('issueCertificateIfComplete', () => {
	it('issues exactly one certificate when two connections race to issue it', async () => {
		const course = shippedCourse();
		const other = openSqlite(file);
		try {
			for (let round = 1; round <= 5; round++) {
				const student = await makeStudent(`student${round}@example.com`);
				await recordCompletion(student.id);

				const [first, second] = await Promise.all([
					issueCertificateIfComplete(db, student.id, course),
					issueCertificateIfComplete(other, student.id, course)
				]);

				const rows = await certificatesOf(student.id);
				expect(rows, `round ${round}`).toHaveLength(1);
				expect(first?.code, `round ${round}`).toBe(rows[0]?.code);
				expect(second?.code, `round ${round}`).toBe(rows[0]?.code);
			}
			expect(await db.selectFrom('certificate').select('id').execute()).toHaveLength(5);
		} finally {
			await other.destroy();
		}
	});

	it('returns the already issued certificate on a later call', async () => {
		const course = shippedCourse();
		const student = await makeStudent('ana@example.com');
		await recordCompletion(student.id);
		const issued = await issueCertificateIfComplete(db, student.id, course);

		const again = await issueCertificateIfComplete(db, student.id, course);

		expect(again).toEqual(issued);
		expect(await certificatesOf(student.id)).toHaveLength(1);
	});

	it('issues nothing to a student who has not completed the course', async () => {
		const course = shippedCourse();
		const student = await makeStudent('ana@example.com');
		// Every lesson complete, but the final quiz was never passed.
		await recordCompletion(student.id);
		await db
			.updateTable('quiz_attempt')
			.set({ passed: 0, score: 50 })
			.where('quiz_id', '=', course.finalQuiz!.id)
			.execute();

		expect(await issueCertificateIfComplete(db, student.id, course)).toBeUndefined();
		expect(await certificatesOf(student.id)).toEqual([]);
	});

	it('issues nothing to a student with a required lesson left', async () => {
		const course = shippedCourse();
		const student = await makeStudent('ana@example.com');
		await recordCompletion(student.id);
		await db.deleteFrom('lesson_progress').where('lesson_id', '=', course.lessons[0]!.id).execute();

		expect(await issueCertificateIfComplete(db, student.id, course)).toBeUndefined();
		expect(await findCertificateFor(db, student.id, course.id)).toBeUndefined();
	});
});

describe('organisationDate', () => {
	it('gives the calendar date in the organisation time zone, not in UTC', () => {
		const instant = new Date('2026-11-28T03:00:00Z');

		expect(organisationDate(instant, 'America/New_York')).toBe('2026-11-27');
		expect(organisationDate(instant, 'UTC')).toBe('2026-11-28');
	});
});
