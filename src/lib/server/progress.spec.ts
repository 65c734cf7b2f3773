import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCertificateFor, issueCertificateIfComplete } from './certificates/issue';
import { listCourses, type Course, type Lesson, type Quiz } from './content';
import type { Database } from './db';
import { openTestDb } from './db/test-db';
import { createUser } from './db/users';
import {
	CompletionRefusedError,
	completeLesson,
	courseProgress,
	enroll,
	recordLessonOpened
} from './progress';
import { openAttempt, parseLayout, submitAttempt } from './quiz/attempts';

// The hash is never checked here; sign-in is covered by the auth specs.
const passwordHash = 'not-checked-in-this-spec';
const CODE = /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/;

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

/** The shipped course: lessons without a quiz, then a lesson with the final quiz. */
function shippedCourse() {
	const course = listCourses().find((c) => c.id === 'foundations-of-medical-massage');
	if (!course) throw new Error('test setup: the shipped course is missing');
	const withQuiz = course.lessons.find((l): l is Lesson & { quiz: Quiz } => !!l.quiz);
	const withoutQuiz = course.lessons.filter((l) => !l.quiz);
	if (!withQuiz || withoutQuiz.length === 0) throw new Error('test setup: unexpected course shape');
	return { course, withQuiz, withoutQuiz };
}

async function makeStudent(db: Database, course: Course, name = 'Ana Lima') {
	const user = await createUser(db, { email: 'ana@example.com', name, passwordHash });
	if (!user) throw new Error('test setup: user not created');
	await enroll(db, user.id, course);
	return user;
}

/** Takes the lesson's quiz the way the quiz page does, answering everything right or wrong. */
async function takeQuiz(userId: string, lesson: Lesson & { quiz: Quiz }, right: boolean) {
	const attempt = await openAttempt(db, userId, lesson);
	const answers = parseLayout(attempt).map((entry) => {
		const question = lesson.quiz.questions.find((q) => q.id === entry.questionId)!;
		return entry.optionIds.flatMap((id, position) => {
			const correct = question.options.find((o) => o.id === id)?.correct ?? false;
			return correct === right ? [String(position + 1)] : [];
		});
	});
	const field = (name: string) => answers[Number(name.slice(1)) - 1] ?? [];
	return submitAttempt(db, userId, attempt.id, lesson.quiz, field);
}

function progressRows() {
	return db.selectFrom('lesson_progress').selectAll().execute();
}

function certificates() {
	return db.selectFrom('certificate').selectAll().execute();
}

describe('lesson completion', () => {
	it('refuses a forged completion of a lesson the student never opened, recording nothing', async () => {
		const { course, withoutQuiz } = shippedCourse();
		const student = await makeStudent(db, course);

		const completion = completeLesson(db, student.id, course, withoutQuiz[0]!);

		await expect(completion).rejects.toBeInstanceOf(CompletionRefusedError);
		expect(await progressRows()).toEqual([]);
		expect(await certificates()).toEqual([]);
	});

	it('refuses to complete a quiz lesson whose quiz the student has not passed', async () => {
		const { course, withQuiz } = shippedCourse();
		const student = await makeStudent(db, course);
		await recordLessonOpened(db, student.id, course, withQuiz);
		const failed = await takeQuiz(student.id, withQuiz, false);
		expect(failed.passed).toBe(0);

		const completion = completeLesson(db, student.id, course, withQuiz);

		await expect(completion).rejects.toBeInstanceOf(CompletionRefusedError);
		const rows = await progressRows();
		expect(rows).toHaveLength(1);
		expect(rows[0]?.completed_at).toBeNull();
		expect((await courseProgress(db, student.id, course)).completedLessonIds.has(withQuiz.id)).toBe(
			false
		);
	});

	it('completes a lesson without a quiz when the student opens it', async () => {
		const { course, withoutQuiz } = shippedCourse();
		const student = await makeStudent(db, course);
		const lesson = withoutQuiz[0]!;
		const now = new Date('2026-11-20T10:00:00.000Z');

		await recordLessonOpened(db, student.id, course, lesson, now);

		const progress = await courseProgress(db, student.id, course);
		expect([...progress.completedLessonIds]).toEqual([lesson.id]);
		expect(progress.completedRequired).toBe(1);
		expect(progress.percent).toBe(Math.floor(100 / progress.totalRequired));
		expect(progress.continueLessonId).toBe(lesson.id);
		const [row] = await progressRows();
		expect(row).toMatchObject({ opened_at: now.toISOString(), completed_at: now.toISOString() });
	});

	it('does not complete a quiz lesson just because it was opened', async () => {
		const { course, withQuiz } = shippedCourse();
		const student = await makeStudent(db, course);

		await recordLessonOpened(db, student.id, course, withQuiz);

		const progress = await courseProgress(db, student.id, course);
		expect(progress.completedLessonIds.size).toBe(0);
		expect(progress.continueLessonId).toBe(withQuiz.id);
	});
});

describe('finishing the course', () => {
	// Midday UTC: the same calendar day in the organisation's time zone (America/New_York).
	const finishedAt = new Date('2026-11-28T12:00:00.000Z');

	/** Opens every lesson, passes the quiz and completes its lesson, as the lesson pages do. */
	async function finishCourse(userId: string) {
		const { course, withQuiz } = shippedCourse();
		for (const lesson of course.lessons) {
			await recordLessonOpened(db, userId, course, lesson);
		}
		expect(await certificates()).toEqual([]);
		const passed = await takeQuiz(userId, withQuiz, true);
		expect(passed.passed).toBe(1);
		await completeLesson(db, userId, course, withQuiz, finishedAt);
	}

	it('reaches 100% and issues exactly one certificate with a snapshot of its fields', async () => {
		const { course } = shippedCourse();
		const student = await makeStudent(db, course, 'Zoë O’Brien');

		await finishCourse(student.id);

		expect((await courseProgress(db, student.id, course)).percent).toBe(100);
		const issued = await certificates();
		expect(issued).toHaveLength(1);
		expect(issued[0]).toMatchObject({
			user_id: student.id,
			course_id: course.id,
			holder_name: 'Zoë O’Brien',
			course_title: course.title,
			ce_hours: course.ceHours,
			course_type: course.courseType,
			completion_date: '2026-11-28',
			issued_at: finishedAt.toISOString()
		});
		expect(issued[0]?.code).toMatch(CODE);
	});

	it('keeps the holder name of an issued certificate when the student is renamed', async () => {
		const { course, withQuiz } = shippedCourse();
		const student = await makeStudent(db, course, 'Ana Lima');
		await finishCourse(student.id);
		const before = await findCertificateFor(db, student.id, course.id);

		await db.updateTable('user').set({ name: 'Ana Souza' }).where('id', '=', student.id).execute();
		// Visiting the lessons and the issuing path again must not rewrite the certificate.
		await recordLessonOpened(db, student.id, course, withQuiz);
		await completeLesson(db, student.id, course, withQuiz);
		const reissued = await issueCertificateIfComplete(db, student.id, course);

		expect(reissued).toEqual(before);
		expect(await certificates()).toEqual([before]);
		expect(before?.holder_name).toBe('Ana Lima');
	});
});

describe('a completion rule that comes to hold without a new completion', () => {
	it('issues the certificate on the next visit when the last missing lesson became optional', async () => {
		const { course, withQuiz, withoutQuiz } = shippedCourse();
		const student = await makeStudent(db, course);
		// Everything done except one lesson the student never opened.
		const [skipped, ...opened] = withoutQuiz;
		for (const lesson of opened) await recordLessonOpened(db, student.id, course, lesson);
		await recordLessonOpened(db, student.id, course, withQuiz);
		await takeQuiz(student.id, withQuiz, true);
		await completeLesson(db, student.id, course, withQuiz);
		expect(await certificates()).toEqual([]);

		// The author makes that lesson optional; the student comes back to a lesson they finished.
		const edited: Course = {
			...course,
			lessons: course.lessons.map((l) => (l.id === skipped!.id ? { ...l, required: false } : l))
		};
		await recordLessonOpened(db, student.id, edited, withQuiz);

		expect((await courseProgress(db, student.id, edited)).percent).toBe(100);
		expect(await certificates()).toHaveLength(1);
	});
});
