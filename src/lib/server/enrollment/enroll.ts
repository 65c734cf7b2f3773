import type { Course } from '../content';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import { findUserByEmail } from '../db/users';
import { dateInOrganisation } from '../dates';
import { enroll, isEnrolled } from '../progress';
import { bucketKey, consume, LIMITS } from '../security/rate-limit';
import { redeemCode } from './codes';
import { policyFor, windowProblem } from './policy';

export type EnrollResult =
	| { status: 'enrolled' }
	| { status: 'throttled'; retryAfterSeconds: number }
	/** 400: the student can fix it (a missing or wrong code). */
	| { status: 'invalid'; message: string }
	/** 403: not open to them now, whatever they send. */
	| { status: 'closed'; message: string };

/**
 * A student enrols through the course page. The course's policy decides, on the server, whatever
 * the form sent: outside its window nobody joins, an assigned course only through an admin, a
 * course by code only with a code that still has a use left.
 */
export async function enrollStudent(
	db: Database,
	userId: string,
	course: Pick<Course, 'id'>,
	input: { code: string; ip: string },
	now = new Date()
): Promise<EnrollResult> {
	if (await isEnrolled(db, userId, course.id)) return { status: 'enrolled' };
	const policy = await policyFor(db, course.id);
	const today = dateInOrganisation(now);
	const closed = windowProblem(policy, today);
	if (closed) return { status: 'closed', message: closed };
	if (policy.mode === 'assigned') {
		return {
			status: 'closed',
			message:
				'Places in this course are arranged by the school: an administrator enrols you. Contact us to take part.'
		};
	}
	if (policy.mode === 'open') {
		await enroll(db, userId, course, now, { via: 'open' });
		return { status: 'enrolled' };
	}

	if (!input.code) return { status: 'invalid', message: 'Enter your enrolment code.' };
	const limit = await consume(db, LIMITS.enrollmentCode, bucketKey(input.ip, userId), now);
	if (!limit.allowed) return { status: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
	return db.transaction().execute(async (trx): Promise<EnrollResult> => {
		// Checked again inside the transaction: a double submission takes one use, not two.
		if (await isEnrolled(trx, userId, course.id)) return { status: 'enrolled' };
		const redeemed = await redeemCode(trx, course.id, input.code, today);
		if (!redeemed.ok) return { status: 'invalid', message: redeemed.message };
		await enroll(trx, userId, course, now, { via: 'code', codeId: redeemed.codeId });
		await recordAudit(
			trx,
			{
				action: 'enrollment.code-use',
				actorUserId: userId,
				subject: { type: 'course', id: course.id },
				ip: input.ip,
				details: { codeId: redeemed.codeId }
			},
			now
		);
		return { status: 'enrolled' };
	});
}

export type AssignResult =
	{ status: 'assigned' } | { status: 'already' } | { status: 'refused'; message: string };

/** An admin enrols a student, whatever the course's policy and window. */
export async function assignStudent(
	db: Database,
	input: { email: string; course: Pick<Course, 'id'> },
	actor: { userId: string; ip: string },
	now = new Date()
): Promise<AssignResult> {
	const user = await findUserByEmail(db, input.email);
	if (!user || user.erased_at) {
		return { status: 'refused', message: 'No account has that e-mail address.' };
	}
	if (user.deactivated_at) {
		return { status: 'refused', message: 'That account is deactivated: reactivate it first.' };
	}
	return db.transaction().execute(async (trx) => {
		if (await isEnrolled(trx, user.id, input.course.id)) return { status: 'already' as const };
		await enroll(trx, user.id, input.course, now, { via: 'admin' });
		await recordAudit(
			trx,
			{
				action: 'enrollment.assign',
				actorUserId: actor.userId,
				subject: { type: 'user', id: user.id },
				ip: actor.ip,
				details: { courseId: input.course.id }
			},
			now
		);
		return { status: 'assigned' as const };
	});
}
