import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords';

// argon2id (the library's default algorithm) with the OWASP-recommended minimum parameters, as in
// the lucia-auth.com guide: 19 MiB of memory, 2 iterations, 1 lane.
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// The same password typed on another keyboard or system may arrive composed or decomposed
// (é as one code point or as e + accent); NFKC makes both the same bytes, as NIST SP 800-63B asks.
export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFKC'), options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password.normalize('NFKC'));
	} catch {
		// A malformed stored hash is a failed sign-in, not a server error.
		return false;
	}
}

/** Verifying against a real hash when there is no account keeps the time the same either way. */
let decoyHash: Promise<string> | undefined;
export async function verifyPasswordOrDecoy(
	passwordHash: string | undefined,
	password: string
): Promise<boolean> {
	decoyHash ??= hashPassword('decoy password for unknown accounts');
	const valid = await verifyPassword(passwordHash ?? (await decoyHash), password);
	return passwordHash !== undefined && valid;
}

/**
 * A message a person can act on, or undefined when the password is acceptable. `context` holds
 * what an attacker would try first for this account (NIST SP 800-63B 5.1.1.2).
 */
export function passwordProblem(
	password: string,
	context: { email?: string; name?: string } = {}
): string | undefined {
	const length = [...password].length;
	if (length < PASSWORD_MIN_LENGTH) {
		return `Use a password of at least ${PASSWORD_MIN_LENGTH} characters.`;
	}
	if (length > PASSWORD_MAX_LENGTH) {
		return `Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
	}
	if (isCommonPassword(password)) {
		return 'This password is on a list of common or leaked passwords. Choose another, for example a few unrelated words.';
	}
	const lower = password.normalize('NFKC').toLowerCase();
	const guesses = [context.email, context.email?.split('@')[0], context.name, 'mmpa academy'];
	if (guesses.some((g) => g && g.trim().length >= 4 && lower.includes(g.trim().toLowerCase()))) {
		return 'Choose a password that does not contain your name, your e-mail address or the site’s name.';
	}
	return undefined;
}
