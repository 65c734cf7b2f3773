import type { Database } from './db';
import { recordAudit } from './db/audit';
import type { Role } from './db/schema';
import { assignInstructor } from './db/instructors';
import {
	changeEmail,
	findUserById,
	setPasswordHash,
	updateProfile,
	type ProfileChanges
} from './db/users';
import { hashPassword, passwordProblem } from './auth/password';
import { invalidateUserSessions, isStaff } from './auth/session';
import { confirmPassword, type Throttled } from './auth/sign-in';

/**
 * Everything the school keeps about one person, as they may download it (GDPR-style access).
 * Secrets (password hash, TOTP key, recovery codes, session tokens) are not personal data the
 * person needs and are left out.
 */
export async function exportAccountData(db: Database, userId: string, now = new Date()) {
	const user = await findUserById(db, userId);
	if (!user) return undefined;
	const [
		enrolments,
		lessons,
		attempts,
		responses,
		certificates,
		sessions,
		audit,
		lessonTime,
		evaluations
	] = await Promise.all([
		db.selectFrom('enrollment').selectAll().where('user_id', '=', userId).execute(),
		db.selectFrom('lesson_progress').selectAll().where('user_id', '=', userId).execute(),
		db.selectFrom('quiz_attempt').selectAll().where('user_id', '=', userId).execute(),
		db
			.selectFrom('quiz_response')
			.innerJoin('quiz_attempt', 'quiz_attempt.id', 'quiz_response.attempt_id')
			.select([
				'quiz_response.attempt_id',
				'quiz_response.question_id',
				'quiz_response.selected',
				'quiz_response.correct'
			])
			.where('quiz_attempt.user_id', '=', userId)
			.execute(),
		db.selectFrom('certificate').selectAll().where('user_id', '=', userId).execute(),
		db
			.selectFrom('session')
			.select(['created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
			.where('user_id', '=', userId)
			.execute(),
		db
			.selectFrom('audit_log')
			.select(['at', 'action', 'ip'])
			.where('actor_user_id', '=', userId)
			.orderBy('at')
			.execute(),
		db.selectFrom('lesson_time').selectAll().where('user_id', '=', userId).execute(),
		db.selectFrom('course_evaluation').selectAll().where('user_id', '=', userId).execute()
	]);
	return {
		exportedAt: now.toISOString(),
		profile: {
			id: user.id,
			email: user.email,
			name: user.name,
			certificateName: user.certificate_name,
			licenseNumber: user.license_number,
			licenseState: user.license_state,
			role: user.role,
			createdAt: user.created_at,
			twoFactorEnabled: user.totp_key !== null
		},
		enrolments,
		lessonProgress: lessons,
		quizAttempts: attempts.map((a) => ({
			...a,
			layout: JSON.parse(a.layout) as unknown,
			responses: responses
				.filter((r) => r.attempt_id === a.id)
				.map((r) => ({
					questionId: r.question_id,
					selected: JSON.parse(r.selected) as unknown,
					correct: r.correct === 1
				}))
		})),
		timeOnTask: lessonTime.map((t) => ({ ...t, milliseconds: Number(t.milliseconds) })),
		courseEvaluations: evaluations,
		certificates,
		sessions,
		activity: audit
	};
}

/**
 * Erases an account at its owner's request. CE record keeping needs six years of who completed
 * what: the name, certificate name and license, the certificates, and the enrolment, lesson
 * completions, quiz scores, time on task and course evaluation of each course with a certificate stay. Everything else goes: the
 * e-mail address, password, second factor, sessions, reset links, answers to individual
 * questions, and all progress in courses not completed. The account can no longer sign in.
 */
export async function eraseAccount(
	db: Database,
	userId: string,
	origin: { ip: string },
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const completed = (
			await trx
				.selectFrom('certificate')
				.select('course_id')
				.where('user_id', '=', userId)
				.execute()
		).map((c) => c.course_id);
		for (const table of [
			'enrollment',
			'lesson_progress',
			'lesson_time',
			'course_evaluation'
		] as const) {
			let query = trx.deleteFrom(table).where('user_id', '=', userId);
			if (completed.length > 0) query = query.where('course_id', 'not in', completed);
			await query.execute();
		}
		let attempts = trx.deleteFrom('quiz_attempt').where('user_id', '=', userId);
		if (completed.length > 0) attempts = attempts.where('course_id', 'not in', completed);
		await attempts.execute();
		await trx
			.deleteFrom('quiz_response')
			.where('attempt_id', 'in', (eb) =>
				eb.selectFrom('quiz_attempt').select('id').where('user_id', '=', userId)
			)
			.execute();
		await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
		await trx.deleteFrom('password_reset').where('user_id', '=', userId).execute();
		await trx.deleteFrom('course_instructor').where('user_id', '=', userId).execute();
		await invalidateUserSessions(trx, userId);
		await trx
			.updateTable('user')
			.set({
				// Unique and not an address anyone can receive mail at or register with.
				email: `erased-${userId}@erased.invalid`,
				// Not an argon2 hash: no password verifies against it.
				password_hash: '!erased',
				role: 'student',
				totp_key: null,
				totp_last_counter: null,
				erased_at: now.toISOString()
			})
			.where('id', '=', userId)
			.execute();
		await recordAudit(
			trx,
			{
				action: 'account.erase',
				actorUserId: userId,
				subject: { type: 'user', id: userId },
				ip: origin.ip
			},
			now
		);
	});
}

/** Changes a role and ends the person's sessions, so the new role's rules apply from sign-in. */
export async function setRole(
	db: Database,
	userId: string,
	role: Role,
	actor: { userId: string | null; ip: string | null },
	now = new Date()
): Promise<{ from: Role } | undefined> {
	return db.transaction().execute(async (trx) => {
		const user = await findUserById(trx, userId);
		if (!user || user.erased_at) return undefined;
		if (user.role !== role) {
			await trx.updateTable('user').set({ role }).where('id', '=', userId).execute();
			await invalidateUserSessions(trx, userId);
			await recordAudit(
				trx,
				{
					action: 'admin.role-change',
					actorUserId: actor.userId,
					subject: { type: 'user', id: userId },
					ip: actor.ip,
					details: { from: user.role, to: role }
				},
				now
			);
		}
		return { from: user.role };
	});
}

export async function assignCourse(
	db: Database,
	userId: string,
	courseId: string,
	actor: { userId: string | null; ip: string | null },
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await assignInstructor(trx, userId, courseId, now);
		await recordAudit(
			trx,
			{
				action: 'admin.instructor-assign',
				actorUserId: actor.userId,
				subject: { type: 'user', id: userId },
				ip: actor.ip,
				details: { courseId }
			},
			now
		);
	});
}

type Origin = { ip: string };
export type ChangeResult =
	Throttled | { status: 'invalid' } | { status: 'refused'; message: string } | { status: 'done' };

/** Sets a new password after the current one; every other session of the account ends. */
export async function changePassword(
	db: Database,
	user: { id: string; email: string; name: string },
	input: { current: string; next: string },
	keepSessionId: string,
	origin: Origin
): Promise<ChangeResult> {
	const problem = passwordProblem(input.next, user);
	if (problem) return { status: 'refused', message: problem };
	const confirmed = await confirmPassword(db, user.id, input.current, origin);
	if (confirmed.status !== 'confirmed') return confirmed;
	await setPasswordHash(db, user.id, await hashPassword(input.next));
	const ended = await invalidateUserSessions(db, user.id, keepSessionId);
	await recordAudit(db, {
		action: 'account.password-change',
		actorUserId: user.id,
		subject: { type: 'user', id: user.id },
		ip: origin.ip,
		details: { otherSessionsEnded: ended }
	});
	return { status: 'done' };
}

export async function changeAccountEmail(
	db: Database,
	userId: string,
	input: { email: string; password: string },
	origin: Origin
): Promise<ChangeResult> {
	const confirmed = await confirmPassword(db, userId, input.password, origin);
	if (confirmed.status !== 'confirmed') return confirmed;
	if (!(await changeEmail(db, userId, input.email))) {
		return { status: 'refused', message: 'Another account already uses this e-mail address.' };
	}
	await recordAudit(db, {
		action: 'account.email-change',
		actorUserId: userId,
		subject: { type: 'user', id: userId },
		ip: origin.ip
	});
	return { status: 'done' };
}

export async function saveProfile(
	db: Database,
	userId: string,
	changes: ProfileChanges,
	origin: Origin
): Promise<void> {
	await updateProfile(db, userId, changes);
	await recordAudit(db, {
		action: 'account.profile-update',
		actorUserId: userId,
		subject: { type: 'user', id: userId },
		ip: origin.ip
	});
}

/**
 * Signs out one session of the user's (`which` is its id) or all but the current one. Staff give
 * their password first. Only the user's own sessions match: another id changes nothing.
 */
export async function revokeSessions(
	db: Database,
	user: { id: string; role: Role },
	input: { which: string | 'others'; password?: string },
	currentSessionId: string,
	origin: Origin
): Promise<ChangeResult | { status: 'done'; ended: number }> {
	if (isStaff(user.role)) {
		if (!input.password) return { status: 'invalid' };
		const confirmed = await confirmPassword(db, user.id, input.password, origin);
		if (confirmed.status !== 'confirmed') return confirmed;
	}
	let ended: number;
	if (input.which === 'others') {
		ended = await invalidateUserSessions(db, user.id, currentSessionId);
	} else {
		const result = await db
			.deleteFrom('session')
			.where('id', '=', input.which)
			.where('user_id', '=', user.id)
			.executeTakeFirst();
		ended = Number(result.numDeletedRows);
	}
	await recordAudit(db, {
		action: 'account.session-revoke',
		actorUserId: user.id,
		subject: { type: 'user', id: user.id },
		ip: origin.ip,
		details: { which: input.which === 'others' ? 'others' : 'one', ended }
	});
	return { status: 'done', ended };
}

/** Erasure after the password: see `eraseAccount` for what stays. */
export async function requestErasure(
	db: Database,
	userId: string,
	password: string,
	origin: Origin
): Promise<ChangeResult> {
	const confirmed = await confirmPassword(db, userId, password, origin);
	if (confirmed.status !== 'confirmed') return confirmed;
	await eraseAccount(db, userId, origin);
	return { status: 'done' };
}

export type RoleChangeResult = ChangeResult | { status: 'unknown-user' } | { status: 'done' };

/** An administrator changes someone's role after re-entering their own password. */
export async function changeRoleAsAdmin(
	db: Database,
	admin: { id: string },
	input: { userId: string; role: Role; password: string },
	origin: Origin
): Promise<RoleChangeResult> {
	if (input.userId === admin.id) {
		return { status: 'refused', message: 'Ask another administrator to change your own role.' };
	}
	const confirmed = await confirmPassword(db, admin.id, input.password, origin);
	if (confirmed.status !== 'confirmed') return confirmed;
	const changed = await setRole(db, input.userId, input.role, { userId: admin.id, ip: origin.ip });
	return changed ? { status: 'done' } : { status: 'unknown-user' };
}
