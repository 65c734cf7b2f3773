import { sql } from 'kysely';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import { unassignInstructor } from '../db/instructors';
import type { Role } from '../db/schema';
import { findUserById } from '../db/users';
import { invalidateUserSessions } from '../auth/session';
import { confirmPassword } from '../auth/sign-in';
import type { RoleChangeResult } from '../account';

type Actor = { userId: string; ip: string };

export const USERS_PER_PAGE = 50;

export interface UserSearch {
	/** Part of a name or e-mail address. */
	q: string;
	role: Role | 'any';
	status: 'any' | 'active' | 'deactivated';
	page: number;
}

export interface FoundUser {
	id: string;
	email: string;
	name: string;
	role: Role;
	createdAt: string;
	twoFactor: boolean;
	erased: boolean;
	deactivated: boolean;
	courses: string[];
}

/** `%` and `_` typed in a search are letters, not wildcards. */
function likePattern(text: string): string {
	return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Accounts matching the search, newest first, one page at a time, with the total. */
export async function searchUsers(
	db: Database,
	search: UserSearch
): Promise<{ users: FoundUser[]; total: number }> {
	let query = db.selectFrom('user');
	if (search.q) {
		const pattern = likePattern(search.q);
		query = query.where((eb) =>
			eb.or([
				sql<boolean>`lower(${eb.ref('name')}) like ${pattern} escape '\\'`,
				sql<boolean>`lower(${eb.ref('email')}) like ${pattern} escape '\\'`
			])
		);
	}
	if (search.role !== 'any') query = query.where('role', '=', search.role);
	if (search.status === 'active') query = query.where('deactivated_at', 'is', null);
	if (search.status === 'deactivated') query = query.where('deactivated_at', 'is not', null);

	const [rows, count] = await Promise.all([
		query
			.select([
				'id',
				'email',
				'name',
				'role',
				'created_at',
				'totp_key',
				'erased_at',
				'deactivated_at'
			])
			.orderBy('created_at', 'desc')
			.orderBy('id')
			.limit(USERS_PER_PAGE)
			.offset((search.page - 1) * USERS_PER_PAGE)
			.execute(),
		query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	const ids = rows.map((r) => r.id);
	const teaching = ids.length
		? await db
				.selectFrom('course_instructor')
				.select(['user_id', 'course_id'])
				.where('user_id', 'in', ids)
				.execute()
		: [];
	return {
		total: Number(count.n),
		users: rows.map((u) => ({
			id: u.id,
			email: u.email,
			name: u.name,
			role: u.role,
			createdAt: u.created_at,
			twoFactor: u.totp_key !== null,
			erased: u.erased_at !== null,
			deactivated: u.deactivated_at !== null,
			courses: teaching.filter((t) => t.user_id === u.id).map((t) => t.course_id)
		}))
	};
}

/**
 * Closes or reopens an account after the admin re-enters their password. Closing ends every
 * session at once; enrolments, attempts and certificates stay exactly as they are, since CE
 * records are kept for six years whatever happens to the account.
 */
export async function setDeactivatedAsAdmin(
	db: Database,
	admin: { id: string },
	input: { userId: string; deactivate: boolean; password: string },
	origin: { ip: string },
	now = new Date()
): Promise<RoleChangeResult> {
	if (input.userId === admin.id) {
		return { status: 'refused', message: 'Ask another administrator to deactivate your account.' };
	}
	const confirmed = await confirmPassword(db, admin.id, input.password, origin);
	if (confirmed.status !== 'confirmed') return confirmed;
	const actor: Actor = { userId: admin.id, ip: origin.ip };
	return db.transaction().execute(async (trx) => {
		const user = await findUserById(trx, input.userId);
		if (!user || user.erased_at) return { status: 'unknown-user' as const };
		if (Boolean(user.deactivated_at) === input.deactivate) return { status: 'done' as const };
		await trx
			.updateTable('user')
			.set({ deactivated_at: input.deactivate ? now.toISOString() : null })
			.where('id', '=', user.id)
			.execute();
		const ended = input.deactivate ? await invalidateUserSessions(trx, user.id) : 0;
		if (input.deactivate) {
			await trx.deleteFrom('password_reset').where('user_id', '=', user.id).execute();
		}
		await recordAudit(
			trx,
			{
				action: input.deactivate ? 'admin.deactivate' : 'admin.reactivate',
				actorUserId: actor.userId,
				subject: { type: 'user', id: user.id },
				ip: actor.ip,
				details: input.deactivate ? { sessionsEnded: ended } : undefined
			},
			now
		);
		return { status: 'done' as const };
	});
}

export async function unassignCourse(
	db: Database,
	userId: string,
	courseId: string,
	actor: Actor,
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		if (!(await unassignInstructor(trx, userId, courseId))) return;
		await recordAudit(
			trx,
			{
				action: 'admin.instructor-unassign',
				actorUserId: actor.userId,
				subject: { type: 'user', id: userId },
				ip: actor.ip,
				details: { courseId }
			},
			now
		);
	});
}
