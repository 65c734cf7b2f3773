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

/** `n` characters without a short repeating unit, so only the length rule can refuse them. */
function varied(n: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
	return Array.from({ length: n }, (_, i) => [...alphabet][i % [...alphabet].length]).join('');
}

describe('passwordProblem', () => {
	it('refuses 11 characters and accepts 12', () => {
		expect(PASSWORD_MIN_LENGTH).toBe(12);
		expect(passwordProblem(varied(11))).toBe('Use a password of at least 12 characters.');
		expect(passwordProblem(varied(12))).toBeUndefined();
	});

	it('counts characters, not UTF-16 units', () => {
		const emoji = '😀🌿💆🧘🌊🔥🌙⭐🍀🎵🦋🌈'; // twelve characters, most of them two UTF-16 units
		expect([...emoji]).toHaveLength(12);

		expect(passwordProblem(varied(6, emoji))).toBe('Use a password of at least 12 characters.');
		expect(passwordProblem(varied(11, emoji))).toBe('Use a password of at least 12 characters.');
		expect(passwordProblem(varied(12, emoji))).toBeUndefined();
		expect(passwordProblem('𠀀'.repeat(11))).toBeDefined();
	});

	it('accepts a 12-character password in a non-Latin script', () => {
		expect(passwordProblem('пароль-секре')).toBeUndefined();
		expect(passwordProblem('안전한비밀번호입니다요')).toBeDefined(); // 11 characters
		expect(passwordProblem('안전한비밀번호입니다요!')).toBeUndefined(); // 12 characters
	});

	it('accepts 256 characters and refuses more', () => {
		expect(PASSWORD_MAX_LENGTH).toBeGreaterThanOrEqual(128);
		expect(passwordProblem(varied(PASSWORD_MAX_LENGTH))).toBeUndefined();
		expect(passwordProblem(varied(PASSWORD_MAX_LENGTH + 1))).toBe(
			`Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`
		);
	});

	it.each([
		['a listed password', 'qwertyuiop123'],
		['a listed password in capitals', 'QWERTYUIOP123'],
		['a listed word with digits after it', 'password123456'],
		['a listed word with symbols around it', '!!dragon2024!!'],
		['one character repeated', 'aaaaaaaaaaaa'],
		['a short unit repeated', 'abcabcabcabc']
	])('refuses %s from the bundled list of common passwords', (_, password) => {
		expect(passwordProblem(password)).toMatch(/list of common or leaked passwords/);
	});

	it('accepts a passphrase that is not on the list', () => {
		expect(passwordProblem('correct horse battery staple')).toBeUndefined();
		expect(passwordProblem('Myofascial release on Tuesdays')).toBeUndefined();
	});

	it('refuses a password built from the account’s own e-mail or name', () => {
		const context = { email: 'rosalind.hart@example.com', name: 'Rosalind Hart' };
		expect(passwordProblem('rosalind.hart-2026!', context)).toMatch(/your name, your e-mail/);
		expect(passwordProblem('I am Rosalind Hart!', context)).toMatch(/your name, your e-mail/);
		expect(passwordProblem('mmpa academy rocks', context)).toMatch(/site’s name/);
		expect(passwordProblem('tulips in the spring rain', context)).toBeUndefined();
	});

	it('verifies a password typed with decomposed accents against one set with composed accents', async () => {
		const composed = 'Café crème brûlée';
		const decomposed = composed.normalize('NFD');
		expect(decomposed).not.toBe(composed);

		expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
	});
});
