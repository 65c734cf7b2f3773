import { expect, test } from '@playwright/test';
import {
	addressFor,
	adminCommand,
	ownAddress,
	BASE_URL,
	createStaff,
	postForm,
	query,
	signInStaffFirstTime,
	totpCode,
	userRow
} from './accounts';
import { expectAccessible, PASSWORD, register } from './support';

test.beforeEach(async ({ context }, testInfo) => {
	await ownAddress(context, testInfo, 4);
});

async function sessionCookie(page: import('@playwright/test').Page) {
	return (await page.context().cookies()).find((c) => c.name === 'session');
}

async function signIn(page: import('@playwright/test').Page, email: string, password = PASSWORD) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the session cookie is HttpOnly, SameSite=Lax, site-wide, and new at every sign-in', async ({
	page
}) => {
	const email = await register(page, 'Cookie Checker');
	const first = await sessionCookie(page);
	expect(first).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

	// Signing in again, with the old session's cookie, ends that session and issues a new one.
	const again = await postForm(page.request, '/login', { email, password: PASSWORD });
	expect(again.status()).toBe(303);
	const second = await sessionCookie(page);
	expect(second?.value).not.toBe(first?.value);
	const old = await page.request.get('/dashboard', {
		maxRedirects: 0,
		headers: { cookie: `session=${first!.value}` }
	});
	expect(old.status()).toBe(303);
	expect(query('select 1 from session where user_id = ?', userRow(email)!.id)).toHaveLength(1);

	// A token planted in the browser before sign-in (session fixation) is never adopted.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
	await page
		.context()
		.addCookies([{ name: 'session', value: 'plantedbyanattacker', url: BASE_URL, httpOnly: true }]);
	await signIn(page, email);
	await expect(page).toHaveURL('/dashboard');
	expect((await sessionCookie(page))?.value).not.toBe('plantedbyanattacker');
});

test('a session cookie replayed after signing out signs in nobody', async ({ page, request }) => {
	await register(page, 'Replay Target');
	const cookie = (await sessionCookie(page))!.value;

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

	const replay = await request.get('/account', {
		maxRedirects: 0,
		headers: { cookie: `session=${cookie}` }
	});
	expect(replay.status()).toBe(303);
	expect(replay.headers()['location']).toMatch(/^\/login/);
});

test.describe('sign-in throttling', () => {
	test('slows a password guesser, tells when to retry, and never locks out the owner', async ({
		page,
		playwright
	}) => {
		const email = await register(page, 'Often Attacked');
		const attacker = await playwright.request.newContext({
			baseURL: BASE_URL,
			extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.66' }
		});
		const guess = () => postForm(attacker, '/login', { email, password: 'guessing wrong again' });

		for (let i = 0; i < 5; i++) expect((await guess()).status()).toBe(400);
		const refused = await guess();
		expect(refused.status()).toBe(429);
		expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
		// A minute for the next token, less whatever the five guesses took on a busy machine.
		expect(await refused.text()).toMatch(/Try again in (1 minute|[1-5]?\d seconds)\./);
		// Even the right password waits: the guesser cannot learn it was right.
		expect((await postForm(attacker, '/login', { email, password: PASSWORD })).status()).toBe(429);

		// The owner, from their own address, signs in at once.
		await page.getByRole('button', { name: 'Sign out' }).click();
		await signIn(page, email);
		await expect(page).toHaveURL('/dashboard');

		const failures = query<{ ip: string }>(
			"select ip from audit_log where action = 'auth.sign-in-failed' and subject_id = ?",
			userRow(email)!.id
		);
		expect(failures).toHaveLength(5);
		expect(failures.every((f) => f.ip === '203.0.113.66')).toBe(true);
		await attacker.dispose();
	});
});

test.describe('staff two-factor sign-in', () => {
	test('staff must set up TOTP, then give a code at each sign-in; codes and recovery codes work once', async ({
		page
	}) => {
		const email = createStaff('admin', 'twofactor');
		await signIn(page, email);
		// Password alone reaches no staff page: the setup comes first.
		await expect(page).toHaveURL(/\/account\/two-factor/);
		await expectAccessible(page);
		const admin = await page.request.get('/admin', { maxRedirects: 0 });
		expect(admin.status()).toBe(303);
		expect(admin.headers()['location']).toMatch(/^\/login\/two-factor/);

		await page.getByRole('button', { name: 'Sign out' }).click();
		const { key, recoveryCodes, setupCode } = await signInStaffFirstTime(page, email);
		expect(recoveryCodes).toHaveLength(10);
		await page.goto('/admin');
		await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Sign out' }).click();
		await signIn(page, email);
		await expect(page).toHaveURL(/\/login\/two-factor/);
		await expectAccessible(page);
		// The code used at setup is spent, however much time has passed: a replay is refused. A
		// code of a later time step works.
		await page.getByLabel('Code from your app').fill(setupCode);
		await page.getByRole('button', { name: 'Confirm' }).click();
		await expect(page.getByText('That code is not valid.').first()).toBeVisible();
		await page.getByLabel('Code from your app').fill(totpCode(key, 1));
		await page.getByRole('button', { name: 'Confirm' }).click();
		await expect(page).toHaveURL('/dashboard');

		await page.getByRole('button', { name: 'Sign out' }).click();
		await signIn(page, email);
		await page.getByLabel('One of your recovery codes').fill(recoveryCodes[0]!);
		await page.getByRole('button', { name: 'Use recovery code' }).click();
		await expect(page).toHaveURL('/dashboard');

		await page.getByRole('button', { name: 'Sign out' }).click();
		await signIn(page, email);
		await page.getByLabel('One of your recovery codes').fill(recoveryCodes[0]!);
		await page.getByRole('button', { name: 'Use recovery code' }).click();
		await expect(page.getByText('already used').first()).toBeVisible();

		const actions = query<{ action: string }>(
			'select action from audit_log where subject_id = ? order by at',
			userRow(email)!.id
		).map((a) => a.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'admin.user-create',
				'account.two-factor-enable',
				'auth.two-factor',
				'auth.two-factor-failed',
				'auth.recovery-code-used'
			])
		);
	});

	test('a role change by an admin needs the admin’s password and signs the person out', async ({
		browser
	}, testInfo) => {
		// Two people in two browsers, each from an address of their own: pages made here do not
		// get the address beforeEach gave this test's own context, and the address every other
		// test shares may have used up its registrations for the minute.
		const from = (who: string) => ({
			extraHTTPHeaders: { 'x-forwarded-for': addressFor(testInfo, 4, who) }
		});
		const adminPage = await browser.newPage(from('admin'));
		const studentPage = await browser.newPage(from('student'));
		const studentEmail = await register(studentPage, 'Soon Instructor');
		await signInStaffFirstTime(adminPage, createStaff('admin', 'roles'));

		await adminPage.goto(`/admin?q=${encodeURIComponent(studentEmail)}`);
		const row = adminPage.getByRole('row').filter({ hasText: studentEmail });
		await row.getByLabel('Role of Soon Instructor').selectOption('instructor');
		await row.getByLabel('Your password').fill('not my password at all');
		await row.getByRole('button', { name: 'Change role' }).click();
		await expect(adminPage.getByText('That is not your password.').first()).toBeVisible();
		expect(userRow(studentEmail)!.role).toBe('student');

		const again = adminPage.getByRole('row').filter({ hasText: studentEmail });
		await again.getByLabel('Role of Soon Instructor').selectOption('instructor');
		await again.getByLabel('Your password').fill(PASSWORD);
		await again.getByRole('button', { name: 'Change role' }).click();
		await expect(adminPage.getByText('The role is changed')).toBeVisible();
		expect(userRow(studentEmail)!.role).toBe('instructor');

		// The new instructor's student session ended; signing in again asks for two-factor setup.
		await studentPage.goto('/dashboard');
		await expect(studentPage).toHaveURL(/\/login/);
		await adminPage.close();
		await studentPage.close();
	});
});

test.describe('password reset', () => {
	test('a link from the admin command works once, ends every session, and says nothing about unknown addresses', async ({
		page,
		browser
	}) => {
		const email = await register(page, 'Forgetful Student');
		const other = await browser.newPage();
		await signIn(other, email);
		await expect(other).toHaveURL('/dashboard');

		// Asking for a link answers the same for known and unknown addresses.
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
		const answers: string[] = [];
		for (const address of [email, 'no-account-here@example.com']) {
			await page.goto('/reset-password');
			await page.getByLabel('E-mail').fill(address);
			await page.getByRole('button', { name: 'Send me a link' }).click();
			await expect(page.getByRole('status')).toContainText(address);
			answers.push(
				(await page.getByRole('status').textContent())!.replace(address, '<address>').trim()
			);
		}
		expect(answers[0]).toBe(answers[1]);
		await expectAccessible(page);

		const link = adminCommand(['reset-password-link', email]).trim();
		expect(link).toMatch(/^http:\/\/localhost:\d+\/reset-password\?token=\w+$/);
		await page.goto(link);
		await page.getByLabel('New password').fill('password1234');
		await page.getByRole('button', { name: 'Set new password' }).click();
		await expect(page.getByText('list of common or leaked passwords').first()).toBeVisible();
		await page.getByLabel('New password').fill('a brand new lavender passphrase');
		await page.getByRole('button', { name: 'Set new password' }).click();
		await expect(page).toHaveURL('/dashboard');

		// The other browser was signed out; the link does not work twice.
		await other.goto('/dashboard');
		await expect(other).toHaveURL(/\/login/);
		await other.goto(link);
		await expect(other.getByText('This link has expired or was already used.')).toBeVisible();
		await other.close();
	});
});

test.describe('the account page', () => {
	test('changing the password asks for the current one and signs out every other session', async ({
		page,
		browser
	}) => {
		const email = await register(page, 'Careful Changer');
		const other = await browser.newPage();
		await signIn(other, email);
		await page.goto('/account');
		await expectAccessible(page);
		await expect(page.getByRole('row')).toHaveCount(3);

		await page.getByLabel('Current password').nth(1).fill('wrong current password');
		await page.getByLabel('New password').fill('a fresh password for me');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByText('That is not your current password.').first()).toBeVisible();

		await page.getByLabel('Current password').nth(1).fill(PASSWORD);
		await page.getByLabel('New password').fill('a fresh password for me');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByText('Your password is changed')).toBeVisible();
		await other.goto('/dashboard');
		await expect(other).toHaveURL(/\/login/);
		await page.goto('/dashboard');
		await expect(page).toHaveURL('/dashboard');
		await other.close();
	});

	test('a session can be signed out from the list', async ({ page, browser }) => {
		const email = await register(page, 'Two Browsers');
		const other = await browser.newPage();
		await signIn(other, email);
		await page.goto('/account');
		const otherRow = page.getByRole('row').filter({ hasNotText: 'This browser' }).nth(1);
		await otherRow.getByRole('button', { name: /Sign out/ }).click();
		await expect(page.getByText('Signed out.')).toBeVisible();
		await other.goto('/dashboard');
		await expect(other).toHaveURL(/\/login/);
		await other.close();
	});

	test('deleting the account keeps the CE record and ends the sign-in', async ({ page }) => {
		const email = await register(page, 'Leaving Student');
		await page.goto('/account');
		await page.getByLabel('I understand').check();
		await page.getByLabel('Your password').last().fill(PASSWORD);
		await page.getByRole('button', { name: 'Delete my account' }).click();
		await expect(page).toHaveURL('/?erased=1');
		expect(userRow(email)).toBeUndefined();
		await signIn(page, email);
		await expect(page.getByText('do not match')).toBeVisible();
	});
});
