import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findCertificateFor, issueCertificateIfComplete } from './certificates/issue';
import type { Course, Lesson, Quiz } from './content';
import { everyTypeQuiz, lesson, testCourse } from './content/test-content';
import type { Database } from './db';
import { openTestDb } from './db/test-db';
import { createUser } from './db/users';
import {
	CompletionRefusedError,
	completeLesson,
	courseProgress,
	enroll,
	prerequisiteMessage,
	recordLessonOpened,
	recordReadingPosition,
	unmetPrerequisites
} from './progress';
import { EvaluationClosedError, findEvaluation, submitEvaluation } from './evaluation';
import { openAttempt, submitAttempt } from './quiz/attempts';
import { answerForm, formField } from './quiz/test-answers';

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

/**
 * A course with a quiz lesson (a), a plain lesson (b), an optional lesson (c) and a final quiz:
 * the completion rule counts a, b and the final quiz.
 */
function course(): {
	course: Course;
	withQuiz: Lesson & { quiz: Quiz };
	plain: Lesson;
	final: Quiz;
} {
	const built = testCourse({
		'01-c/01-m/03-c.svx': lesson('lesson-c', { required: false }),
		'01-c/final.quiz.yaml': stringify({ ...everyTypeQuiz(), id: 'final-quiz-c', title: 'Final' })
	});
	const [withQuiz, plain] = built.lessons;
	if (!withQuiz?.quiz || !plain || !built.finalQuiz) {
		throw new Error('test setup: unexpected shape');
	}
	return {
		course: built,
		withQuiz: { ...withQuiz, quiz: withQuiz.quiz },
		plain,
		final: built.finalQuiz
	};
}

async function makeStudent(enrolIn: Course, name = 'Ana Lima', email = 'ana@example.com') {
	const user = await createUser(db, { email, name, passwordHash });
	if (!user) throw new Error('test setup: user not created');
	await enroll(db, user.id, enrolIn);
	return user;
}

/** Takes a quiz the way the quiz page does, answering everything right or wrong. */
async function takeQuiz(userId: string, quiz: Quiz, right: boolean) {
	const attempt = await openAttempt(db, userId, quiz);
	const form = answerForm(quiz, attempt, right ? 'right' : 'wrong');
	return submitAttempt(db, userId, attempt.id, quiz, formField(form));
}

const RATED = { objectives: 5, instructor: 4, materials: 4, relevance: 5, comments: '' };

/** Submits the course evaluation, the last step of the completion rule. */
function evaluate(userId: string, c: Course, now = new Date()) {
	return submitEvaluation(db, userId, c, RATED, now);
}

function progressRows() {
	return db.selectFrom('lesson_progress').selectAll().execute();
}

function certificates() {
	return db.selectFrom('certificate').selectAll().execute();
}

describe('lesson completion', () => {
	it('refuses a forged completion of a lesson the student never opened, recording nothing', async () => {
		const { course: c, plain } = course();
		const student = await makeStudent(c);

		const completion = completeLesson(db, student.id, c, plain);

		await expect(completion).rejects.toBeInstanceOf(CompletionRefusedError);
		expect(await progressRows()).toEqual([]);
		expect(await certificates()).toEqual([]);
	});

	it('refuses to complete a quiz lesson whose quiz the student has not passed', async () => {
		const { course: c, withQuiz } = course();
		const student = await makeStudent(c);
		await recordLessonOpened(db, student.id, c, withQuiz);
		expect((await takeQuiz(student.id, withQuiz.quiz, false)).passed).toBe(0);

		const completion = completeLesson(db, student.id, c, withQuiz);

		await expect(completion).rejects.toBeInstanceOf(CompletionRefusedError);
		expect((await progressRows())[0]?.completed_at).toBeNull();
	});

	it('completes a lesson without a quiz when the student opens it', async () => {
		const { course: c, plain } = course();
		const student = await makeStudent(c);
		const now = new Date('2026-11-20T10:00:00.000Z');

		await recordLessonOpened(db, student.id, c, plain, now);

		const progress = await courseProgress(db, student.id, c);
		expect([...progress.completedLessonIds]).toEqual([plain.id]);
		// Lessons a and b, the final quiz and the evaluation are required; the optional lesson c is
		// not counted.
		expect(progress).toMatchObject({ completedRequired: 1, totalRequired: 4, percent: 25 });
		expect(progress.continueLessonId).toBe(plain.id);
		expect((await progressRows())[0]).toMatchObject({
			opened_at: now.toISOString(),
			completed_at: now.toISOString()
		});
	});

	it('does not complete a quiz lesson just because it was opened', async () => {
		const { course: c, withQuiz } = course();
		const student = await makeStudent(c);

		await recordLessonOpened(db, student.id, c, withQuiz);

		const progress = await courseProgress(db, student.id, c);
		expect(progress.completedLessonIds.size).toBe(0);
		expect(progress.continueLessonId).toBe(withQuiz.id);
	});
});

describe('continue where you left off', () => {
	it('returns to the reading position in the last lesson, and to the top of another', async () => {
		const { course: c, withQuiz, plain } = course();
		const student = await makeStudent(c);
		await recordLessonOpened(db, student.id, c, plain, new Date('2026-11-20T10:00:00.000Z'));
		await recordReadingPosition(db, student.id, c.id, plain.id, 420);

		// Back an hour later, on any browser: the same lesson, the same place.
		const back = await recordLessonOpened(
			db,
			student.id,
			c,
			plain,
			new Date('2026-11-20T11:00:00.000Z')
		);
		expect(back.resumePosition).toBe(420);
		expect((await courseProgress(db, student.id, c)).continueLessonId).toBe(plain.id);

		// Another lesson starts at its top, and so does the first one when the student returns.
		expect((await recordLessonOpened(db, student.id, c, withQuiz)).resumePosition).toBeNull();
		expect((await recordLessonOpened(db, student.id, c, plain)).resumePosition).toBeNull();
	});

	it('writes nothing when the student rereads the lesson they are on', async () => {
		const { course: c, plain } = course();
		const student = await makeStudent(c);
		await recordLessonOpened(db, student.id, c, plain, new Date('2026-11-20T10:00:00.000Z'));
		await recordReadingPosition(db, student.id, c.id, plain.id, 300);
		const before = await db.selectFrom('enrollment').selectAll().execute();

		await recordLessonOpened(db, student.id, c, plain, new Date('2026-11-20T10:01:00.000Z'));

		expect(await db.selectFrom('enrollment').selectAll().execute()).toEqual(before);
	});
});

describe('finishing the course', () => {
	// Midday UTC: the same calendar day in the organisation's time zone (America/New_York).
	const finishedAt = new Date('2026-11-28T12:00:00.000Z');

	/** Opens every required lesson and passes every required quiz, as the pages do. */
	async function finishCourse(userId: string, passFinal = true) {
		const { course: c, withQuiz, plain, final } = course();
		await recordLessonOpened(db, userId, c, withQuiz);
		await recordLessonOpened(db, userId, c, plain);
		expect((await takeQuiz(userId, withQuiz.quiz, true)).passed).toBe(1);
		await completeLesson(db, userId, c, withQuiz, finishedAt);
		expect(await certificates()).toEqual([]);
		if (!passFinal) return;
		expect((await takeQuiz(userId, final, true)).passed).toBe(1);
		expect(await issueCertificateIfComplete(db, userId, c, finishedAt)).toBeUndefined();
		// The evaluation is the last step: submitting it issues the certificate.
		await evaluate(userId, c, finishedAt);
	}

	it('reaches 100% with the final quiz, never opening the optional lesson, and issues one certificate', async () => {
		const { course: c } = course();
		const student = await makeStudent(c, 'Zoë O’Brien');

		await finishCourse(student.id);

		expect(await courseProgress(db, student.id, c)).toMatchObject({
			percent: 100,
			finalQuizPassed: true
		});
		const issued = await certificates();
		expect(issued).toHaveLength(1);
		expect(issued[0]).toMatchObject({
			user_id: student.id,
			course_id: c.id,
			holder_name: 'Zoë O’Brien',
			course_title: c.title,
			ce_hours: c.ceHours,
			course_type: c.courseType,
			completion_date: '2026-11-28',
			issued_at: finishedAt.toISOString()
		});
		expect(issued[0]?.code).toMatch(CODE);
	});

	it('issues nothing while the final quiz is not passed', async () => {
		const { course: c, final } = course();
		const student = await makeStudent(c);
		await finishCourse(student.id, false);
		await takeQuiz(student.id, final, false);

		await evaluate(student.id, c);

		expect(await issueCertificateIfComplete(db, student.id, c)).toBeUndefined();
		expect((await courseProgress(db, student.id, c)).percent).toBe(75);
	});

	it('issues nothing while the evaluation is not submitted, however complete the rest', async () => {
		const { course: c, final } = course();
		const student = await makeStudent(c);
		await finishCourse(student.id, false);
		await takeQuiz(student.id, final, true);

		expect(await issueCertificateIfComplete(db, student.id, c)).toBeUndefined();
		expect(await courseProgress(db, student.id, c)).toMatchObject({
			percent: 75,
			complete: false,
			finalQuizPassed: true,
			evaluationSubmitted: false
		});
		expect(await certificates()).toEqual([]);
	});

	it('keeps the evaluation as submitted once the certificate is issued', async () => {
		const { course: c } = course();
		const student = await makeStudent(c);
		await finishCourse(student.id);
		const kept = await findEvaluation(db, student.id, c.id);

		const change = submitEvaluation(db, student.id, c, { ...RATED, objectives: 1 });

		await expect(change).rejects.toBeInstanceOf(EvaluationClosedError);
		expect(await findEvaluation(db, student.id, c.id)).toEqual(kept);
	});

	it('keeps the holder name of an issued certificate when the student is renamed', async () => {
		const { course: c, withQuiz } = course();
		const student = await makeStudent(c, 'Ana Lima');
		await finishCourse(student.id);
		const before = await findCertificateFor(db, student.id, c.id);

		await db.updateTable('user').set({ name: 'Ana Souza' }).where('id', '=', student.id).execute();
		// Visiting the lessons and the issuing path again must not rewrite the certificate.
		await recordLessonOpened(db, student.id, c, withQuiz);
		await completeLesson(db, student.id, c, withQuiz);
		const reissued = await issueCertificateIfComplete(db, student.id, c);

		expect(reissued).toEqual(before);
		expect(await certificates()).toEqual([before]);
		expect(before?.holder_name).toBe('Ana Lima');
	});

	it('issues the certificate on the next visit when the last missing lesson became optional', async () => {
		const { course: c, withQuiz, plain, final } = course();
		const student = await makeStudent(c);
		// Everything done except the plain lesson, never opened.
		await recordLessonOpened(db, student.id, c, withQuiz);
		await takeQuiz(student.id, withQuiz.quiz, true);
		await completeLesson(db, student.id, c, withQuiz);
		await takeQuiz(student.id, final, true);
		await evaluate(student.id, c);
		expect(await issueCertificateIfComplete(db, student.id, c)).toBeUndefined();

		// The author makes that lesson optional; the student comes back to a lesson they finished.
		const edited: Course = {
			...c,
			lessons: c.lessons.map((l) => (l.id === plain.id ? { ...l, required: false } : l))
		};
		await recordLessonOpened(db, student.id, edited, withQuiz);

		expect((await courseProgress(db, student.id, edited)).percent).toBe(100);
		expect(await certificates()).toHaveLength(1);
	});
});

describe('prerequisites', () => {
	it('are unmet until the student holds the certificate of the course required first', async () => {
		const { course: first } = course();
		const student = await makeStudent(first);
		const second = { prerequisites: [first.id, 'another-course'] };

		expect(await unmetPrerequisites(db, student.id, second)).toEqual([first.id, 'another-course']);
		await finishCourse(student.id);

		expect(await unmetPrerequisites(db, student.id, second)).toEqual(['another-course']);
		expect(await unmetPrerequisites(db, student.id, { prerequisites: [] })).toEqual([]);
	});

	it('are explained by the titles of the courses to complete first', () => {
		expect(prerequisiteMessage(['Foundations'])).toBe(
			'This course builds on “Foundations”: complete it and receive the certificate first.'
		);
		expect(prerequisiteMessage(['A', 'B', 'C'])).toBe(
			'This course builds on “A”, “B” and “C”: complete them and receive the certificate first.'
		);
	});

	async function finishCourse(userId: string) {
		const { course: c, withQuiz, plain, final } = course();
		for (const l of [withQuiz, plain]) await recordLessonOpened(db, userId, c, l);
		await takeQuiz(userId, withQuiz.quiz, true);
		await completeLesson(db, userId, c, withQuiz);
		await takeQuiz(userId, final, true);
		await evaluate(userId, c);
		expect(await certificates()).toHaveLength(1);
	}
});
