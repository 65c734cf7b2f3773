import type { Database } from './db';
import type { Course, Lesson } from './content';
import { hasPassed } from './quiz/attempts';
import { issueCertificateIfComplete } from './certificates/issue';
import type { Certificate, EnrollmentVia } from './db/schema';
import {
	completionFacts,
	summarize,
	type CompletionFacts,
	type CourseProgress
} from './completion';

/** A completion the server will not record: answered with 403 and the message. */
export class CompletionRefusedError extends Error {}

/** The ids of the courses this course requires first whose certificate the student lacks. */
export async function unmetPrerequisites(
	db: Database,
	userId: string,
	course: Pick<Course, 'prerequisites'>
): Promise<string[]> {
	if (course.prerequisites.length === 0) return [];
	const held = await db
		.selectFrom('certificate')
		.select('course_id')
		.where('user_id', '=', userId)
		.where('course_id', 'in', course.prerequisites)
		.execute();
	const done = new Set(held.map((c) => c.course_id));
	return course.prerequisites.filter((id) => !done.has(id));
}

/** What a student is told about the courses to complete first. */
export function prerequisiteMessage(titles: string[]): string {
	const list = titles.map((t) => `“${t}”`);
	const names = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0];
	return `This course builds on ${names}: complete ${list.length > 1 ? 'them' : 'it'} and receive the certificate first.`;
}

/**
 * Enrols the student; the caller has checked `unmetPrerequisites` and the course's enrolment
 * rules. Enrolling twice is a no-op.
 */
export async function enroll(
	db: Database,
	userId: string,
	course: Pick<Course, 'id'>,
	now = new Date(),
	how: { via: EnrollmentVia; codeId?: string } = { via: 'open' }
) {
	await db
		.insertInto('enrollment')
		.values({
			user_id: userId,
			course_id: course.id,
			enrolled_at: now.toISOString(),
			via: how.via,
			code_id: how.codeId ?? null
		})
		.onConflict((oc) => oc.columns(['user_id', 'course_id']).doNothing())
		.execute();
}

export async function isEnrolled(db: Database, userId: string, courseId: string) {
	const row = await db
		.selectFrom('enrollment')
		.select('user_id')
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.executeTakeFirst();
	return row !== undefined;
}

/** The student's courses, the most recently studied first. */
export async function enrolledCourseIds(db: Database, userId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('enrollment')
		.select('course_id')
		.where('user_id', '=', userId)
		.orderBy('last_activity_at', (ob) => ob.desc().nullsLast())
		.orderBy('enrolled_at', 'desc')
		.execute();
	return rows.map((r) => r.course_id);
}

/** Revisits within this long of the last recorded activity write nothing. */
const ACTIVITY_RESOLUTION_MS = 5 * 60 * 1000;

/** What a lesson page needs of its visit: progress, certificate, where to scroll back to. */
export interface LessonVisit {
	progress: CourseProgress;
	certificate: Certificate | undefined;
	/** Where the student was reading in this lesson (thousandths), when it was their last one. */
	resumePosition: number | null;
}

/**
 * Records that an enrolled student opened a lesson and returns their progress and certificate.
 * A lesson without a quiz is complete once opened. The common case, a student rereading where they
 * are, reads and writes nothing more than it must: the lesson page is the hottest path.
 */
export async function recordLessonOpened(
	db: Database,
	userId: string,
	course: Course,
	lesson: Lesson,
	now = new Date()
): Promise<LessonVisit> {
	const [enrollment, facts] = await Promise.all([
		db
			.selectFrom('enrollment')
			.select(['last_lesson_id', 'last_activity_at', 'last_position'])
			.where('user_id', '=', userId)
			.where('course_id', '=', course.id)
			.executeTakeFirst(),
		completionFacts(db, userId, course)
	]);
	const opened = facts.openedLessonIds.has(lesson.id);
	const sameLesson = enrollment?.last_lesson_id === lesson.id;
	const lastActivity = enrollment?.last_activity_at ? Date.parse(enrollment.last_activity_at) : 0;
	if (!opened || !sameLesson || now.getTime() - lastActivity >= ACTIVITY_RESOLUTION_MS) {
		const at = now.toISOString();
		await db.transaction().execute(async (trx) => {
			if (!opened) {
				await trx
					.insertInto('lesson_progress')
					.values({ user_id: userId, course_id: course.id, lesson_id: lesson.id, opened_at: at })
					.onConflict((oc) => oc.columns(['user_id', 'course_id', 'lesson_id']).doNothing())
					.execute();
			}
			await trx
				.updateTable('enrollment')
				.set({
					last_lesson_id: lesson.id,
					last_activity_at: at,
					// A position belongs to one lesson: opening another starts at its top.
					...(sameLesson ? {} : { last_position: null })
				})
				.where('user_id', '=', userId)
				.where('course_id', '=', course.id)
				.execute();
		});
	}

	const completed = facts.completedLessonIds;
	// Opening can be the last step: a lesson with no quiz, or one whose quiz was passed before.
	if (
		!completed.has(lesson.id) &&
		(!lesson.quiz || (await hasPassed(db, userId, course.id, lesson.quiz.id)))
	) {
		await completeLesson(db, userId, course, lesson, now);
		completed.add(lesson.id);
	}
	const progress = summarize(course, facts, lesson.id);
	// Also when nothing changed now: the rule can come to hold without a new completion (a lesson
	// made optional), and issuing returns the existing certificate first.
	const certificate = progress.complete
		? await issueCertificateIfComplete(db, userId, course, now)
		: undefined;
	return {
		progress,
		certificate,
		resumePosition: sameLesson ? (enrollment?.last_position ?? null) : null
	};
}

/**
 * Marks a lesson complete from what the server has stored, never from what a client claims: the
 * student must have opened it, and passed its quiz if it has one. Completing the last step of the
 * rule issues the course certificate.
 */
export async function completeLesson(
	db: Database,
	userId: string,
	course: Course,
	lesson: Lesson,
	now = new Date()
): Promise<void> {
	const progress = await db
		.selectFrom('lesson_progress')
		.select(['completed_at'])
		.where('user_id', '=', userId)
		.where('course_id', '=', course.id)
		.where('lesson_id', '=', lesson.id)
		.executeTakeFirst();
	if (!progress) {
		throw new CompletionRefusedError('Open the lesson before it can be marked complete.');
	}
	if (!progress.completed_at) {
		if (lesson.quiz && !(await hasPassed(db, userId, course.id, lesson.quiz.id))) {
			throw new CompletionRefusedError('Pass the lesson’s quiz to complete it.');
		}
		await db
			.updateTable('lesson_progress')
			.set({ completed_at: now.toISOString() })
			.where('user_id', '=', userId)
			.where('course_id', '=', course.id)
			.where('lesson_id', '=', lesson.id)
			.where('completed_at', 'is', null)
			.execute();
	}
	// Also when the lesson was already complete: issuing is idempotent, and the rule can come to
	// hold without a new completion (a lesson made optional, an issue interrupted by a crash).
	await issueCertificateIfComplete(db, userId, course, now);
}

export type { CourseProgress } from './completion';

export async function courseProgress(
	db: Database,
	userId: string,
	course: Course
): Promise<CourseProgress> {
	return (await coursesProgress(db, userId, [course])).get(course.id)!;
}

/**
 * The progress of a student in several courses at once, by the one rule (`summarize`), from
 * four queries whatever the number of courses: the dashboard lists every course a student has.
 */
export async function coursesProgress(
	db: Database,
	userId: string,
	courses: readonly Course[]
): Promise<Map<string, CourseProgress>> {
	const progress = new Map<string, CourseProgress>();
	if (courses.length === 0) return progress;
	const courseIds = courses.map((c) => c.id);
	const finalQuizIds = courses.flatMap((c) => (c.finalQuiz ? [c.finalQuiz.id] : []));
	const [rows, enrollments, passedFinals, evaluations] = await Promise.all([
		db
			.selectFrom('lesson_progress')
			.select(['course_id', 'lesson_id', 'completed_at'])
			.where('user_id', '=', userId)
			.where('course_id', 'in', courseIds)
			.execute(),
		db
			.selectFrom('enrollment')
			.select(['course_id', 'last_lesson_id'])
			.where('user_id', '=', userId)
			.where('course_id', 'in', courseIds)
			.execute(),
		// Passed on any version, like `hasPassed`: edits never take a pass away.
		finalQuizIds.length === 0
			? []
			: db
					.selectFrom('quiz_attempt')
					.select(['course_id', 'quiz_id'])
					.distinct()
					.where('user_id', '=', userId)
					.where('course_id', 'in', courseIds)
					.where('quiz_id', 'in', finalQuizIds)
					.where('passed', '=', 1)
					.execute(),
		db
			.selectFrom('course_evaluation')
			.select('course_id')
			.where('user_id', '=', userId)
			.where('course_id', 'in', courseIds)
			.execute()
	]);
	for (const course of courses) {
		const mine = rows.filter((r) => r.course_id === course.id);
		const facts: CompletionFacts = {
			openedLessonIds: new Set(mine.map((r) => r.lesson_id)),
			completedLessonIds: new Set(mine.filter((r) => r.completed_at).map((r) => r.lesson_id)),
			finalQuizPassed: passedFinals.some(
				(p) => p.course_id === course.id && p.quiz_id === course.finalQuiz?.id
			),
			evaluationSubmitted: evaluations.some((e) => e.course_id === course.id)
		};
		const last = enrollments.find((e) => e.course_id === course.id)?.last_lesson_id;
		progress.set(course.id, summarize(course, facts, last));
	}
	return progress;
}

/**
 * How far into the lesson they opened last the student is reading (thousandths), for "continue
 * where you left off" on any browser. Sent by the lesson page's script; only the student's own
 * enrolment changes.
 */
export async function recordReadingPosition(
	db: Database,
	userId: string,
	courseId: string,
	lessonId: string,
	position: number
): Promise<void> {
	await db
		.updateTable('enrollment')
		.set({ last_position: position })
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		// Only in the lesson opened last: a late beat from a page the student has left (a tab
		// closing as the next lesson loads) must not take them back there.
		.where('last_lesson_id', '=', lessonId)
		.execute();
}
