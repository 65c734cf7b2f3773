import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The common-password list that zxcvbn-ts ships (about 49,000 of the most used passwords, drawn
 * from leaked password corpora), bundled with the server: no password ever leaves it for a check.
 */
let list: Set<string> | undefined;

function commonPasswords(): Set<string> {
	list ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
	return list;
}

/** A word with only digits or symbols around it: `password123456`, `!!dragon2024!!`. */
const DECORATED = /^([\d\s!@#$%^&*()_+=.,;:?~-]{0,8})(.+?)([\d\s!@#$%^&*()_+=.,;:?~-]{0,8})$/u;

/**
 * True when the password is a listed one, a listed one with up to 8 digits or symbols on either
 * side, or one short unit repeated (`abcabcabcabc`).
 */
export function isCommonPassword(password: string): boolean {
	const lower = password.normalize('NFKC').toLowerCase();
	const listed = commonPasswords();
	if (listed.has(lower)) return true;
	if (/^(.{1,4})\1+$/u.test(lower)) return true;
	const core = DECORATED.exec(lower)?.[2];
	return core !== undefined && core.length >= 4 && listed.has(core);
}
