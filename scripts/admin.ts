// `npm run admin -- <command>`: account administration against the database at DATABASE_URL.
// Run `npm run admin -- help` for the commands.
import { assignCourse, setRole } from '$lib/server/account';
import { createPasswordReset, passwordResetLink } from '$lib/server/auth/password-reset';
import { hashPassword, passwordProblem } from '$lib/server/auth/password';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { disableTwoFactor } from '$lib/server/auth/two-factor';
import { findCourse } from '$lib/server/content';
import { closeDb, getDb, type Database } from '$lib/server/db';
import { recordAudit } from '$lib/server/db/audit';
import { migrateToLatest } from '$lib/server/db/migrate';
import type { Role } from '$lib/server/db/schema';
import { createUser, findUserByEmail, listUsers } from '$lib/server/db/users';

const USAGE = `Usage: npm run admin -- <command> [arguments]

  create-user <email> <name> [student|instructor|admin]
      Creates an account (default role: student) and prints a one-hour link to set its password.
      With --password-stdin the password is read from standard input instead.
  set-role <email> <student|instructor|admin>
      Changes the role and signs the person out.
  assign-instructor <email> <course id>
      Lets an instructor see that course's students.
  reset-password-link <email>
      Prints a single-use link, valid for one hour, to choose a new password.
  reset-two-factor <email>
      Turns two-factor sign-in off (after you have checked who is asking); staff set it up again
      at their next sign-in.
  list-users
      Every account with its role and the courses each instructor teaches.`;

const ROLES: Role[] = ['student', 'instructor', 'admin'];
/** The command line acts as no signed-in user; the audit log records it as the admin command. */
const actor = { userId: null, ip: 'admin-command' };

class UsageError extends Error {}

function role(value: string | undefined): Role {
	if (!value || !ROLES.includes(value as Role)) {
		throw new UsageError(`Role must be one of ${ROLES.join(', ')}.`);
	}
	return value as Role;
}

async function userByEmail(db: Database, email: string | undefined) {
	if (!email) throw new UsageError('Give the e-mail address of the account.');
	const user = await findUserByEmail(db, email);
	if (!user || user.erased_at) throw new UsageError(`No account has the e-mail address ${email}.`);
	return user;
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

async function run(db: Database, args: string[]): Promise<void> {
	const flags = new Set(args.filter((a) => a.startsWith('--')));
	const [command, ...rest] = args.filter((a) => !a.startsWith('--'));
	switch (command) {
		case 'create-user': {
			const [email, name, roleName] = rest;
			if (!email || !name) throw new UsageError('create-user needs an e-mail and a name.');
			const newRole = role(roleName ?? 'student');
			let password: string | undefined;
			if (flags.has('--password-stdin')) {
				password = await readStdin();
				const problem = passwordProblem(password, { email, name });
				if (problem) throw new UsageError(problem);
			}
			// Without a password the account gets one nobody knows, and a link to choose their own.
			const secret = password ?? crypto.randomUUID() + crypto.randomUUID();
			const user = await createUser(db, {
				email,
				name,
				role: newRole,
				passwordHash: await hashPassword(secret)
			});
			if (!user) {
				throw new UsageError(`An account with the e-mail address ${email} already exists.`);
			}
			await recordAudit(db, {
				action: 'admin.user-create',
				actorUserId: actor.userId,
				subject: { type: 'user', id: user.id },
				ip: actor.ip,
				details: { role: newRole }
			});
			console.log(`Created ${newRole} ${user.email} (${user.id}).`);
			if (!password) {
				const link = passwordResetLink(await createPasswordReset(db, user.id));
				console.log(`Link to choose a password (works once, for one hour):\n${link}`);
			}
			return;
		}
		case 'set-role': {
			const user = await userByEmail(db, rest[0]);
			const newRole = role(rest[1]);
			const result = await setRole(db, user.id, newRole, actor);
			console.log(
				result?.from === newRole
					? `${user.email} already is ${newRole}.`
					: `${user.email} is now ${newRole} (was ${result?.from}); their sessions have ended.`
			);
			return;
		}
		case 'assign-instructor': {
			const user = await userByEmail(db, rest[0]);
			const courseId = rest[1];
			if (!courseId || !findCourse(courseId)) {
				throw new UsageError(`No course has the id ${courseId ?? '(none given)'}.`);
			}
			if (user.role !== 'instructor') {
				throw new UsageError(
					`${user.email} is ${user.role}: make them instructor first (set-role).`
				);
			}
			await assignCourse(db, user.id, courseId, actor);
			console.log(`${user.email} teaches ${courseId}.`);
			return;
		}
		case 'reset-password-link': {
			const user = await userByEmail(db, rest[0]);
			const link = passwordResetLink(await createPasswordReset(db, user.id));
			await recordAudit(db, {
				action: 'admin.password-reset-link',
				subject: { type: 'user', id: user.id },
				ip: actor.ip
			});
			console.log(link);
			return;
		}
		case 'reset-two-factor': {
			const user = await userByEmail(db, rest[0]);
			await disableTwoFactor(db, user.id);
			await invalidateUserSessions(db, user.id);
			await recordAudit(db, {
				action: 'admin.two-factor-reset',
				subject: { type: 'user', id: user.id },
				ip: actor.ip
			});
			console.log(`Two-factor sign-in of ${user.email} is off; their sessions have ended.`);
			return;
		}
		case 'list-users': {
			for (const user of await listUsers(db)) {
				const teaches = user.courses.length ? ` teaches ${user.courses.join(', ')}` : '';
				const flags = [user.twoFactor ? '2FA' : '', user.erased ? 'erased' : '']
					.filter(Boolean)
					.join(' ');
				console.log(
					`${user.role.padEnd(10)} ${user.email}  ${user.name}${teaches}${flags ? `  [${flags}]` : ''}`
				);
			}
			return;
		}
		default:
			throw new UsageError(command && command !== 'help' ? `Unknown command ${command}.` : '');
	}
}

export async function main(args: string[]): Promise<number> {
	const db = getDb();
	try {
		await migrateToLatest(db);
		await run(db, args);
		return 0;
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		if (error.message) console.error(error.message);
		console.error(USAGE);
		return 2;
	} finally {
		await closeDb();
	}
}
