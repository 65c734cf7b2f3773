import { execFileSync } from 'node:child_process';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import {
	expect,
	type APIRequestContext,
	type BrowserContext,
	type Page,
	type TestInfo
} from '@playwright/test';
import Database from 'better-sqlite3';
import { PASSWORD, uniqueEmail } from './support';

/** The server's database and origin, as playwright.config.ts starts it. */
export const E2E_DATABASE = '.e2e-data/academy.db';
export const BASE_URL = `http://localhost:${process.env.E2E_PORT ?? 4310}`;

/** `npm run admin -- ...` against the test server's database, as an operator would run it. */
export function adminCommand(args: string[], input?: string): string {
	return execFileSync('npm', ['run', '--silent', 'admin', '--', ...args], {
		env: { ...process.env, DATABASE_URL: E2E_DATABASE, ORIGIN: BASE_URL },
		input,
		encoding: 'utf8'
	});
}

/** Reads the server's database directly, to prove what was (not) stored. */
export function query<T>(sql: string, ...params: unknown[]): T[] {
	const db = new Database(E2E_DATABASE);
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** Changes the server's database directly: only to set up what the app cannot do by itself yet (a date in the past). */
export function execute(sql: string, ...params: unknown[]): number {
	const db = new Database(E2E_DATABASE);
	try {
		db.pragma('busy_timeout = 5000');
		return db.prepare(sql).run(...params).changes;
	} finally {
		db.close();
	}
}

export function userRow(email: string) {
	return query<Record<string, unknown>>('select * from user where email = ?', email)[0];
}

/** What an authenticator app with this key shows now, or `steps` periods from now. */
export function totpCode(key: string, steps = 0): string {
	const counter = BigInt(Math.floor(Date.now() / 30_000) + steps);
	return generateHOTP(decodeBase32IgnorePadding(key), counter, 6);
}

export type StaffRole = 'instructor' | 'admin';

/** Creates a staff account with the admin command; instructors get the courses given. */
export function createStaff(role: StaffRole, label: string, courses: string[] = []) {
	const email = uniqueEmail(label);
	adminCommand(['create-user', email, `${label} Staff`, role, '--password-stdin'], PASSWORD);
	for (const course of courses) adminCommand(['assign-instructor', email, course]);
	return email;
}

/**
 * A staff member's first sign-in: password, then the compulsory two-factor setup with a code
 * computed from the key the page shows, as an authenticator app would.
 */
export async function signInStaffFirstTime(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/account\/two-factor/);
	const key = (await page.getByTestId('totp-key').textContent())!.trim();
	const setupCode = totpCode(key);
	await page.getByLabel('Code from your app').fill(setupCode);
	await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
	const list = page.getByRole('list', { name: 'Recovery codes' });
	await expect(list).toBeVisible();
	const recoveryCodes = await list.getByRole('listitem').allTextContents();
	await page.getByRole('link', { name: 'I have saved them, continue' }).click();
	await expect(page).toHaveURL('/dashboard');
	return { key, recoveryCodes, setupCode };
}

/** A form POST as a browser without JavaScript sends it (HTML answers, this site's Origin). */
export function postForm(
	request: APIRequestContext,
	path: string,
	form: Record<string, string>,
	headers: Record<string, string> = {}
) {
	return request.post(path, {
		form,
		maxRedirects: 0,
		headers: { origin: BASE_URL, accept: 'text/html', ...headers }
	});
}

/**
 * A client address of its own for one test, or for one person of a test (the server trusts
 * X-Forwarded-For in these runs), so the per-address rate limits count each test, and each person
 * in it, on their own, as they would count separate people. `prefix` keeps files apart.
 */
export function addressFor(testInfo: TestInfo, prefix: number, person = ''): string {
	let hash = 0;
	for (const char of [...testInfo.titlePath, person].join('/')) {
		hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	}
	return `10.${prefix}.${(hash >>> 8) & 255}.${hash & 255}`;
}

/** Gives the test's own browser context an address of its own (see addressFor). */
export async function ownAddress(context: BrowserContext, testInfo: TestInfo, prefix: number) {
	const address = addressFor(testInfo, prefix);
	await context.setExtraHTTPHeaders({ 'x-forwarded-for': address });
	return address;
}
