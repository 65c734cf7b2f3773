import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import type { Certificate } from '../db/schema';
import type { Course } from '../content';
import { hasPassed } from '../quiz/attempts';
import { ORGANISATION_TIME_ZONE, PROVIDER_NAME, providerContact } from '../config';

/** 80 random bits in base32, grouped for reading aloud: XXXX-XXXX-XXXX-XXXX. */
export function generateCertificateCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(10));
	return encodeBase32UpperCaseNoPadding(bytes).match(/.{4}/g)!.join('-');
}

/** The calendar date of an instant in the organisation's time zone, as YYYY-MM-DD. */
export function organisationDate(instant: Date, timeZone = ORGANISATION_TIME_ZONE): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(instant);
}

/**
 * The one completion rule: every required lesson complete (opened, its quiz passed if it has
 * one) and every required quiz passed, the course's final quiz included.
 */
export async function hasCompletedCourse(
	db: Database,
	userId: string,
	course: Course
): Promise<boolean> {
	const completed = await db
		.selectFrom('lesson_progress')
		.select('lesson_id')
		.where('user_id', '=', userId)
		.where('course_id', '=', course.id)
		.where('completed_at', 'is not', null)
		.execute();
	const done = new Set(completed.map((r) => r.lesson_id));
	const required = course.lessons.filter((l) => l.required);
	if (!required.every((l) => done.has(l.id))) return false;
	for (const lesson of required) {
		if (lesson.quiz && !(await hasPassed(db, userId, course.id, lesson.quiz.id))) return false;
	}
	return !course.finalQuiz || (await hasPassed(db, userId, course.id, course.finalQuiz.id));
}

/**
 * Issues the course certificate once the completion rule holds, as a snapshot of every printed
 * field. The unique index on (user, course) with ON CONFLICT DO NOTHING makes concurrent requests,
 * even from separate processes, end with exactly one certificate; every caller gets that one.
 */
export async function issueCertificateIfComplete(
	db: Database,
	userId: string,
	course: Course,
	now = new Date()
): Promise<Certificate | undefined> {
	const existing = await findCertificateFor(db, userId, course.id);
	if (existing) return existing;
	if (!(await hasCompletedCourse(db, userId, course))) return undefined;
	const holder = await db
		.selectFrom('user')
		.select(['name', 'certificate_name'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow();
	const certificateId = crypto.randomUUID();
	const inserted = await db
		.insertInto('certificate')
		.values({
			id: certificateId,
			code: generateCertificateCode(),
			user_id: userId,
			course_id: course.id,
			holder_name: holder.certificate_name || holder.name,
			course_title: course.title,
			ce_hours: course.ceHours,
			course_type: course.courseType,
			completion_date: organisationDate(now),
			provider_name: PROVIDER_NAME,
			provider_contact: providerContact(),
			issued_at: now.toISOString()
		})
		.onConflict((oc) => oc.columns(['user_id', 'course_id']).doNothing())
		.executeTakeFirst();
	if (inserted.numInsertedOrUpdatedRows) {
		await recordAudit(
			db,
			{
				action: 'certificate.issue',
				actorUserId: userId,
				subject: { type: 'certificate', id: certificateId }
			},
			now
		);
	}
	return findCertificateFor(db, userId, course.id);
}

export function findCertificateFor(
	db: Database,
	userId: string,
	courseId: string
): Promise<Certificate | undefined> {
	return db
		.selectFrom('certificate')
		.selectAll()
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.executeTakeFirst();
}

export function findCertificateByCode(
	db: Database,
	code: string
): Promise<Certificate | undefined> {
	return db
		.selectFrom('certificate')
		.selectAll()
		.where('code', '=', code.trim().toUpperCase())
		.executeTakeFirst();
}

export function certificatesOf(db: Database, userId: string): Promise<Certificate[]> {
	return db
		.selectFrom('certificate')
		.selectAll()
		.where('user_id', '=', userId)
		.orderBy('issued_at', 'desc')
		.execute();
}
