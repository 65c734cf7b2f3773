import type { Database } from './index';
import type { Role, User } from './schema';

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
	return db
		.selectFrom('user')
		.selectAll()
		.where('email', '=', normalizeEmail(email))
		.executeTakeFirst();
}

/** Creates a user, or returns undefined when the e-mail is already taken (in any letter case). */
export async function createUser(
	db: Database,
	input: { email: string; name: string; passwordHash: string; role?: Role },
	now = new Date()
): Promise<User | undefined> {
	return db
		.insertInto('user')
		.values({
			id: crypto.randomUUID(),
			email: normalizeEmail(input.email),
			name: input.name,
			password_hash: input.passwordHash,
			role: input.role ?? 'student',
			created_at: now.toISOString()
		})
		.onConflict((oc) => oc.column('email').doNothing())
		.returningAll()
		.executeTakeFirst();
}

export function findUserById(db: Database, id: string): Promise<User | undefined> {
	return db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ProfileChanges {
	name: string;
	certificateName: string;
	licenseNumber: string;
	licenseState: string;
}

/** Changes what certificates will print. Issued certificates keep their snapshot. */
export async function updateProfile(
	db: Database,
	userId: string,
	changes: ProfileChanges
): Promise<void> {
	await db
		.updateTable('user')
		.set({
			name: changes.name,
			certificate_name: changes.certificateName || null,
			license_number: changes.licenseNumber || null,
			license_state: changes.licenseState || null
		})
		.where('id', '=', userId)
		.execute();
}

/** False when another account already has the address. */
export async function changeEmail(db: Database, userId: string, email: string): Promise<boolean> {
	const taken = await findUserByEmail(db, email);
	if (taken && taken.id !== userId) return false;
	await db
		.updateTable('user')
		.set({ email: normalizeEmail(email) })
		.where('id', '=', userId)
		.execute();
	return true;
}

export async function setPasswordHash(db: Database, userId: string, passwordHash: string) {
	await db
		.updateTable('user')
		.set({ password_hash: passwordHash })
		.where('id', '=', userId)
		.execute();
}

export interface ListedUser {
	id: string;
	email: string;
	name: string;
	role: Role;
	createdAt: string;
	twoFactor: boolean;
	erased: boolean;
	courses: string[];
}

/** Every account, with the courses each instructor teaches. */
export async function listUsers(db: Database): Promise<ListedUser[]> {
	const [users, teaching] = await Promise.all([
		db
			.selectFrom('user')
			.select(['id', 'email', 'name', 'role', 'created_at', 'totp_key', 'erased_at'])
			.orderBy('created_at')
			.execute(),
		db.selectFrom('course_instructor').select(['user_id', 'course_id']).execute()
	]);
	return users.map((u) => ({
		id: u.id,
		email: u.email,
		name: u.name,
		role: u.role,
		createdAt: u.created_at,
		twoFactor: u.totp_key !== null,
		erased: u.erased_at !== null,
		courses: teaching.filter((t) => t.user_id === u.id).map((t) => t.course_id)
	}));
}
