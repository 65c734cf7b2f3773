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
