import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { BASE_URL, ownAddress, postForm, query, userRow } from './accounts';
import { expectAccessible, PASSWORD, register, shippedQuizzes, uniqueEmail } from './support';

test.beforeEach(async ({ context }, testInfo) => {
	await ownAddress(context, testInfo, 5);
});

const quiz = shippedQuizzes()[0]!;

/** One form of the site: where it posts, a valid filling, and who must be signed in. */
interface FormCase {
	name: string;
	path: string;
	signedIn: boolean;
	fields: (email: string) => Record<string, string>;
}

const FORMS: FormCase[] = [
	{
		name: 'register',
		path: '/register',
		signedIn: false,
		fields: (email) => ({ name: 'Nia New', email: `new-${email}`, password: PASSWORD })
	},
	{
		name: 'sign in',
		path: '/login',
		signedIn: false,
		fields: (email) => ({ email, password: PASSWORD })
	},
	{
		name: 'reset request',
		path: '/reset-password?/request',
		signedIn: false,
		fields: (email) => ({ email })
	},
	{
		name: 'reset with a link',
		path: '/reset-password?/reset',
		signedIn: false,
		fields: () => ({ token: 'abc', password: 'another long passphrase' })
	},
	{
		name: 'account details',
		path: '/account?/profile',
		signedIn: true,
		fields: () => ({
			name: 'Changed Name',
			certificateName: 'Changed',
			licenseNumber: 'MA1',
			licenseState: 'FL'
		})
	},
	{
		name: 'account e-mail',
		path: '/account?/email',
		signedIn: true,
		fields: (email) => ({ email: `changed-${email}`, emailPassword: PASSWORD })
	},
	{
		name: 'account password',
		path: '/account?/password',
		signedIn: true,
		fields: () => ({ currentPassword: PASSWORD, newPassword: 'a different passphrase' })
	},
	{
		name: 'session sign-out',
		path: '/account?/revoke',
		signedIn: true,
		fields: () => ({ session: 'a'.repeat(64) })
	},
	{
		name: 'account deletion',
		path: '/account?/erase',
		signedIn: true,
		fields: () => ({ erasePassword: PASSWORD, confirm: 'yes' })
	},
	{
		name: 'two-factor setup',
		path: '/account/two-factor?/setup',
		signedIn: true,
		fields: () => ({ code: '123456' })
	},
	{
		name: 'quiz',
		path: `${quiz.path}?/submit`,
		signedIn: true,
		fields: () => ({ attempt: 'x', q1: '1' })
	}
];

/** What the forms could change about this person: their row, sessions, reset links, attempts. */
function stateOf(email: string) {
	const user = userRow(email);
	const id = (user?.id as string | undefined) ?? '';
	return JSON.stringify({
		user,
		users: query('select count(*) as n from user where email like ?', `%${email}`),
		sessions: query('select id, expires_at from session where user_id = ?', id),
		resets: query('select id from password_reset where user_id = ?', id),
		// Showing the quiz page again opens an attempt; only a submitted one records answers.
		attempts: query(
			'select id from quiz_attempt where user_id = ? and submitted_at is not null',
			id
		),
		totp: query('select totp_key from user where id = ?', id)
	});
}

type Body = { form?: Record<string, string>; multipart?: Record<string, unknown>; data?: string };

async function send(request: APIRequestContext, path: string, body: Body) {
	const headers = { origin: BASE_URL, accept: 'text/html' };
	if (body.form) return postForm(request, path, body.form);
	if (body.multipart) {
		return request.post(path, {
			multipart: body.multipart as never,
			maxRedirects: 0,
			headers
		});
	}
	return request.post(path, {
		data: body.data,
		maxRedirects: 0,
		headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }
	});
}

function badBodies(valid: Record<string, string>): [string, Body][] {
	const [first] = Object.keys(valid);
	const encoded = new URLSearchParams(valid).toString();
	return [
		['empty fields', { form: Object.fromEntries(Object.keys(valid).map((k) => [k, ''])) }],
		['no fields', { data: '' }],
		['a field sent twice', { data: `${encoded}&${first}=${encodeURIComponent(valid[first!]!)}` }],
		['an overlong field', { form: { ...valid, [first!]: 'x'.repeat(5000) } }],
		[
			'a file where text belongs',
			{
				multipart: {
					...valid,
					[first!]: { name: 'x.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }
				}
			}
		],
		['a 1 MB body', { data: `${encoded}&padding=${'x'.repeat(1024 * 1024)}` }]
	];
}

for (const form of FORMS) {
	test(`the ${form.name} form refuses bad input with a 4xx and a message, changing nothing`, async ({
		page
	}) => {
		let email = uniqueEmail('input');
		if (form.signedIn) {
			email = await register(page, 'Input Tester', email);
			await page.goto(`/courses/${quiz.courseId}`);
			await page.getByRole('button', { name: 'Enrol in this course' }).click();
		} else {
			await register(page, 'Input Tester', email);
			await page.getByRole('button', { name: 'Sign out' }).click();
			await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
		}
		const before = stateOf(email);
		const problems: string[] = [];
		for (const [label, body] of badBodies(form.fields(email))) {
			const response = await send(page.request, form.path, body);
			const html = await response.text();
			const status = response.status();
			if (status < 400 || status >= 500) problems.push(`${label}: status ${status}`);
			else if (!/class="(message|field-error)"|<h1>/.test(html)) {
				problems.push(`${label}: no message`);
			}
			if (stateOf(email) !== before) problems.push(`${label}: the database changed`);
		}
		expect(problems).toEqual([]);
	});
}

test('a form with a mistake keeps what was typed, except the password, and marks the field', async ({
	page
}) => {
	await page.goto('/register');
	await page.getByLabel('Full name').fill('Kept Name');
	await page.getByLabel('E-mail').fill('not-an-address');
	await page.getByLabel('Password').fill(PASSWORD);
	// The browser's own check would stop an invalid address; the server must catch it too.
	await page.locator('form').evaluate((f) => f.setAttribute('novalidate', ''));
	await page.getByRole('button', { name: 'Create account' }).click();

	await expect(page.getByText('Enter a valid e-mail address')).toBeVisible();
	await expect(page.getByLabel('Full name')).toHaveValue('Kept Name');
	await expect(page.getByLabel('E-mail')).toHaveValue('not-an-address');
	await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Password')).toHaveValue('');
	await expectAccessible(page);
});

test('a common password is refused at registration', async ({ page }) => {
	await page.goto('/register');
	await page.getByLabel('Full name').fill('Weak Choice');
	await page.getByLabel('E-mail').fill(uniqueEmail('weak'));
	await page.getByLabel('Password').fill('qwertyuiop123');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText('list of common or leaked passwords').first()).toBeVisible();
});

const HOSTILE = `<script>alert("x")</script> O'Brien & "Σοφία" 😀`;

async function showsExactly(page: Page, text: string) {
	await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
	const html = await page.content();
	expect(html).not.toContain('<script>alert');
	expect(html).toContain('&lt;script&gt;');
}

test('markup, quotes, Greek and emoji in a name are stored as typed and shown escaped', async ({
	page
}) => {
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const email = await register(page, HOSTILE);
	expect(userRow(email)!.name).toBe(HOSTILE);
	await showsExactly(page, HOSTILE);

	await page.goto('/account');
	await page.getByLabel('Name on certificates').fill(`${HOSTILE} Jr.`);
	await page.getByRole('button', { name: 'Save details' }).click();
	await expect(page.getByText('Your details are saved')).toBeVisible();
	expect(userRow(email)!.certificate_name).toBe(`${HOSTILE} Jr.`);
	await expect(page.getByLabel('Name on certificates')).toHaveValue(`${HOSTILE} Jr.`);
	expect(dialogs).toEqual([]);
});

test('a post-sign-in redirect never leaves the site', async ({ page }) => {
	const email = await register(page, 'Redirect Tester');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
	await page.goto('/login?redirectTo=https://evil.example/steal');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/dashboard');
});

test('a cross-origin form POST is refused and changes nothing', async ({ request }) => {
	const email = uniqueEmail('csrf');
	const response = await request.post('/register', {
		form: { name: 'Forged', email, password: PASSWORD },
		maxRedirects: 0,
		headers: { origin: 'https://evil.example', accept: 'text/html' }
	});
	expect(response.status()).toBe(403);
	expect(userRow(email)).toBeUndefined();
});

test.describe('security headers', () => {
	const HTML_PAGES = ['/', '/courses', `/courses/${quiz.courseId}`, '/login', '/no-such-page'];

	function expectBaseHeaders(headers: Record<string, string>, where: string) {
		expect(headers['x-content-type-options'], where).toBe('nosniff');
		expect(headers['referrer-policy'], where).toBe('same-origin');
		expect(headers['permissions-policy'], where).toContain('camera=()');
	}

	test('are on every page type, error pages and endpoints', async ({ page }) => {
		await register(page, 'Header Checker');
		const signedInPages = [
			'/dashboard',
			'/account',
			quiz.path,
			'/admin' // 403 for a student: an error page
		];
		for (const path of [...HTML_PAGES, ...signedInPages]) {
			const response = await page.request.get(path, { headers: { accept: 'text/html' } });
			const headers = response.headers();
			expectBaseHeaders(headers, path);
			const csp = headers['content-security-policy'] ?? '';
			expect(csp, path).toContain("frame-ancestors 'none'");
			expect(/script-src[^;]*unsafe-inline/.test(csp), path).toBe(false);
		}
		for (const path of ['/healthz', '/account/data', '/reset-password?token=x']) {
			expectBaseHeaders((await page.request.get(path)).headers(), path);
		}
		// A signed-in person's pages are not kept in shared caches.
		const account = await page.request.get('/account');
		expect(account.headers()['cache-control']).toContain('no-store');
		// And a refused oversized form.
		const big = await page.request.post('/login', {
			data: `email=x&padding=${'x'.repeat(1024 * 1024)}`,
			headers: {
				origin: BASE_URL,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			}
		});
		expect(big.status()).toBe(413);
		expectBaseHeaders(big.headers(), '413');
	});
});
