import { describe, expect, it } from 'vitest';
import {
	hashPassword,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH,
	passwordProblem,
	verifyPassword
} from './password';

const PASSWORD = 'correct horse battery staple';

describe('hashPassword and verifyPassword', () => {
	it('hashes with argon2id', async () => {
		const hash = await hashPassword(PASSWORD);

		expect(hash.startsWith('$argon2id$')).toBe(true);
		expect(hash).not.toContain(PASSWORD);
	});

	it('accepts the right password and refuses a wrong one', async () => {
		const hash = await hashPassword(PASSWORD);

		expect(await verifyPassword(hash, PASSWORD)).toBe(true);
		expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
	});

	it('treats a malformed stored hash as a failed sign-in, not an error', async () => {
		await expect(verifyPassword('not-a-hash', PASSWORD)).resolves.toBe(false);
		await expect(verifyPassword('', PASSWORD)).resolves.toBe(false);
		await expect(verifyPassword('$argon2id$v=19$garbage', PASSWORD)).resolves.toBe(false);
	});
});

describe('passwordProblem', () => {
	it('refuses 11 characters and accepts 12', () => {
		expect(PASSWORD_MIN_LENGTH).toBe(12);
		expect(passwordProblem('a'.repeat(11))).toBe('Use a password of at least 12 characters.');
		expect(passwordProblem('a'.repeat(12))).toBeUndefined();
	});

	it('counts characters, not UTF-16 units', () => {
		const emoji = '😀'; // one character, two UTF-16 units
		expect(emoji.repeat(6)).toHaveLength(12);

		expect(passwordProblem(emoji.repeat(6))).toBe('Use a password of at least 12 characters.');
		expect(passwordProblem(emoji.repeat(11))).toBe('Use a password of at least 12 characters.');
		expect(passwordProblem(emoji.repeat(12))).toBeUndefined();
		expect(passwordProblem('𠀀'.repeat(11))).toBeDefined();
	});

	it('accepts a 12-character password in a non-Latin script', () => {
		expect(passwordProblem('пароль-секре')).toBeUndefined();
		expect(passwordProblem('안전한비밀번호입니다요')).toBeDefined(); // 11 characters
		expect(passwordProblem('안전한비밀번호입니다요!')).toBeUndefined(); // 12 characters
	});

	it('refuses a password longer than the maximum', () => {
		expect(passwordProblem('a'.repeat(PASSWORD_MAX_LENGTH))).toBeUndefined();
		expect(passwordProblem('a'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe(
			`Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`
		);
	});

	it('verifies a password typed with decomposed accents against one set with composed accents', async () => {
		const composed = 'Café crème brûlée';
		const decomposed = composed.normalize('NFD');
		expect(decomposed).not.toBe(composed);

		expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
	});
});
