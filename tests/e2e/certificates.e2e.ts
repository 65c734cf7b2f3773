import { createHash } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { base64url, compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { pdfText } from '../support/pdf-text';
import { readQrCode } from '../support/pdf-render';
import { createStaff, signInStaffFirstTime } from './accounts';
import {
	expectAccessible,
	finishCourse,
	PASSWORD,
	register,
	shippedQuizzes,
	uniqueEmail,
	updateAccount
} from './support';

const quiz = shippedQuizzes()[0]!;

/**
 * A new account, signed in on its own page. Students register and get their details set; staff are
 * made with the admin command and sign in with the two-factor setup their role requires.
 */
async function person(
	browser: Browser,
	name: string,
	change: Parameters<typeof updateAccount>[1] = {},
	options: { javaScriptEnabled?: boolean } = {}
) {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	const label = name.toLowerCase().replace(/[^a-z]+/g, '') || 'person';
	const { role, teaches, ...details } = change;
	let email: string;
	if (role === 'instructor' || role === 'admin') {
		email = createStaff(role, label, teaches ? [teaches] : []);
		await signInStaffFirstTime(page, email);
	} else {
		email = uniqueEmail(label);
		await register(page, name, email);
	}
	updateAccount(email, details);
	return { page, email, close: () => context.close() };
}

async function graduate(
	browser: Browser,
	name: string,
	change: Parameters<typeof updateAccount>[1] = {}
) {
	const holder = await person(browser, name, change);
	const code = await finishCourse(holder.page, quiz);
	return { ...holder, code };
}

async function download(page: Page, path: string) {
	const response = await page.request.get(path, { maxRedirects: 0 });
	return { status: response.status(), headers: response.headers(), body: await response.body() };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('a graduate downloads a PDF a board accepts and a credential that verifies', async ({
	browser,
	baseURL
}) => {
	const name = "Nguyễn Thị Minh Khai O'Brien";
	const holder = await graduate(browser, 'Minh Khai', {
		certificateName: name,
		license: ['MA12345', 'FL']
	});
	const verifyUrl = `${baseURL}/certificates/${holder.code}`;

	const first = await download(holder.page, `/certificates/${holder.code}/pdf`);
	const second = await download(holder.page, `/certificates/${holder.code}/pdf`);
	expect(first.status).toBe(200);
	expect(first.headers['content-type']).toBe('application/pdf');
	expect(sha256(first.body)).toBe(sha256(second.body));
	const text = (await pdfText(new Uint8Array(first.body))).replace(/\s+/g, ' ');
	for (const field of [
		name,
		'License MA12345 (FL)',
		'Foundations of Medical Massage',
		'Course type Home Study',
		'1 CE hour',
		'Medical Massage Practitioners of America',
		'Director of Education',
		holder.code,
		verifyUrl
	]) {
		expect(text).toContain(field);
	}
	// An employer scans the QR code and lands on the verification page, which says valid.
	expect(await readQrCode(new Uint8Array(first.body))).toBe(verifyUrl);

	const credential = await download(holder.page, `/certificates/${holder.code}/credential`);
	expect(credential.status).toBe(200);
	expect(credential.headers['content-disposition']).toContain('.jwt');
	const token = credential.body.toString();
	const jwks = (await (
		await holder.page.request.get('/.well-known/jwks.json')
	).json()) as JSONWebKeySet;
	const { payload } = await compactVerify(token, createLocalJWKSet(jwks));
	const claims = JSON.parse(new TextDecoder().decode(payload));
	expect(claims.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
	expect(claims.id).toBe(verifyUrl);
	expect(claims.issuer.id).toBe(`${baseURL}/issuer`);
	expect((await holder.page.request.get('/issuer')).ok()).toBe(true);
	// The kid in the header dereferences to the key.
	const [header] = token.split('.');
	const kid = JSON.parse(new TextDecoder().decode(base64url.decode(header!))).kid as string;
	expect((await holder.page.request.get(kid)).ok()).toBe(true);
	await holder.close();

	// The employer, signed out, scans, sees it valid, and checks the credential on the page.
	const employerContext = await browser.newContext();
	const employer = await employerContext.newPage();
	await employer.goto(verifyUrl);
	await expect(employer.getByText('Valid.')).toBeVisible();
	await expect(employer.getByRole('definition').filter({ hasText: name })).toBeVisible();
	await expect(employer.getByText('MA12345')).toHaveCount(0);
	await employer.getByLabel('Credential', { exact: true }).fill(token);
	await employer.getByRole('button', { name: 'Check the credential' }).click();
	const result = employer.getByRole('status');
	await expect(result).toContainText('Genuine.');
	await expect(result).toContainText('Valid: the certificate stands.');
	await expectAccessible(employer);

	// One changed letter in the payload, and the same check refuses it.
	const [h, body, signature] = token.split('.');
	const forged = JSON.parse(new TextDecoder().decode(base64url.decode(body!)));
	forged.credentialSubject.creditsEarned = 24;
	await employer
		.getByLabel('Credential', { exact: true })
		.fill(`${h}.${base64url.encode(JSON.stringify(forged))}.${signature}`);
	await employer.getByRole('button', { name: 'Check the credential' }).click();
	await expect(employer.getByRole('status')).toContainText('changed after we signed it');
	await employerContext.close();
});

test('only the holder, the course’s instructors and admins get the PDF and credential', async ({
	browser,
	playwright,
	baseURL
}) => {
	const holder = await graduate(browser, 'Ana Holder');
	const documents = [`/certificates/${holder.code}/pdf`, `/certificates/${holder.code}/credential`];
	const stranger = await person(browser, 'Sam Stranger');
	const otherInstructor = await person(browser, 'Ian Elsewhere', { role: 'instructor' });
	const instructor = await person(browser, 'Ina Teacher', {
		role: 'instructor',
		teaches: quiz.courseId
	});
	const admin = await person(browser, 'Ada Admin', { role: 'admin' });
	const anonymous = await playwright.request.newContext({ baseURL });

	for (const path of documents) {
		for (const allowed of [holder, instructor, admin]) {
			expect((await download(allowed.page, path)).status, path).toBe(200);
		}
		for (const refused of [stranger, otherInstructor]) {
			expect((await download(refused.page, path)).status, path).toBe(404);
		}
		const response = await anonymous.get(path, { maxRedirects: 0 });
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toMatch(/^\/login\?redirectTo=/);
	}
	// A code that does not exist answers exactly like one that is not yours.
	expect((await download(stranger.page, '/certificates/AAAA-BBBB-CCCC-DDDD/pdf')).status).toBe(404);
	// The instructor sees the download links on the public page; the stranger does not.
	await instructor.page.goto(`/certificates/${holder.code}`);
	await expect(instructor.page.getByRole('link', { name: 'Download the PDF' })).toBeVisible();
	await stranger.page.goto(`/certificates/${holder.code}`);
	await expect(stranger.page.getByRole('link', { name: 'Download the PDF' })).toHaveCount(0);
	// Admin pages are for admins.
	expect((await stranger.page.goto('/admin/certificates'))?.status()).toBe(403);

	await anonymous.dispose();
	for (const account of [holder, stranger, otherInstructor, instructor, admin]) {
		await account.close();
	}
});

test.describe('without JavaScript', () => {
	test('an admin reissues with a corrected name, then revokes; every page says so', async ({
		browser
	}) => {
		const holder = await graduate(browser, 'Ana Lyma');
		const tokenBefore = (await download(holder.page, `/certificates/${holder.code}/credential`))
			.body;
		const admin = await person(
			browser,
			'Ada Admin',
			{ role: 'admin' },
			{ javaScriptEnabled: false }
		);
		const page = admin.page;

		await page.goto('/admin/certificates');
		await page.getByLabel('Code, holder’s name or course').fill('Ana Lyma');
		await page.getByRole('button', { name: 'Search' }).click();
		await page.getByRole('link', { name: holder.code }).click();
		await expectAccessibleWithScript(browser, page.url(), admin.page);

		// A reissue with the corrected name: a new code that supersedes the old.
		await page.getByLabel('Name as it should be printed').fill('Ana Lima');
		await page.getByRole('button', { name: 'Reissue the certificate' }).click();
		await expect(page.getByRole('heading', { level: 1 })).not.toContainText(holder.code);
		const newCode = (await page.getByRole('heading', { level: 1 }).textContent())!
			.replace('Certificate', '')
			.trim();
		await expect(page.getByRole('link', { name: holder.code })).toBeVisible();

		await page.goto(`/certificates/${holder.code}`);
		await expect(page.getByText('Superseded.')).toBeVisible();
		await page.getByRole('link', { name: newCode }).click();
		await expect(page.getByText('Valid.')).toBeVisible();
		await expect(page.getByRole('definition').filter({ hasText: 'Ana Lima' })).toBeVisible();
		// The reissue links back to the certificate it replaces.
		await expect(page.getByRole('link', { name: holder.code })).toBeVisible();

		// The old credential still checks as ours, and says it was replaced.
		await page.getByLabel('Credential', { exact: true }).fill(tokenBefore.toString());
		await page.getByRole('button', { name: 'Check the credential' }).click();
		await expect(page.getByRole('status')).toContainText('Superseded');

		// Revoking needs a reason, then the public page and the credential check say revoked.
		const tokenAfter = (await download(holder.page, `/certificates/${newCode}/credential`)).body;
		await page.goto(`/admin/certificates/${newCode}`);
		await page.getByLabel('Reason (shown publicly)').fill('   ');
		await page.getByLabel('Your password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Revoke the certificate' }).click();
		await expect(page.getByRole('alert')).toContainText('Enter the reason for revoking.');
		// Revoking is confirmed with the admin's own password.
		await page.getByLabel('Reason (shown publicly)').fill('Course requirements not met <b>x</b>');
		await page.getByLabel('Your password').fill('not my password at all');
		await page.getByRole('button', { name: 'Revoke the certificate' }).click();
		await expect(page.getByRole('alert')).toContainText('That is not your password.');
		await page.getByLabel('Your password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Revoke the certificate' }).click();
		await expect(page.getByRole('status')).toContainText('The certificate is revoked');

		await page.goto(`/certificates/${newCode}`);
		await expect(page.getByText('Revoked.')).toBeVisible();
		await expect(page.getByText('Reason: Course requirements not met <b>x</b>')).toBeVisible();
		await page.getByLabel('Credential', { exact: true }).fill(tokenAfter.toString());
		await page.getByRole('button', { name: 'Check the credential' }).click();
		await expect(page.getByRole('status')).toContainText('Revoked');

		// No credential for a revoked certificate; its PDF is stamped.
		expect((await download(holder.page, `/certificates/${newCode}/credential`)).status).toBe(410);
		const pdf = await download(holder.page, `/certificates/${newCode}/pdf`);
		expect(await pdfText(new Uint8Array(pdf.body))).toContain('REVOKED');

		await holder.close();
		await admin.close();
	});

	test('garbage pasted into the credential check gets a clear message and a 400', async ({
		browser
	}) => {
		const holder = await graduate(browser, 'Bo Checker');
		const page = await browser.newPage({ javaScriptEnabled: false });
		await page.goto(`/certificates/${holder.code}`);
		await page.getByLabel('Credential', { exact: true }).fill('<script>alert(1)</script>');
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Check the credential' }).click()
		]);
		expect(response.status()).toBe(400);
		await expect(page.getByRole('status')).toContainText('This is not a signed credential');
		await page.close();
		await holder.close();
	});
});

test('the CE transcript lists the graduate’s certificates with hours and a total', async ({
	browser
}) => {
	const holder = await graduate(browser, 'Анна Иванова', { license: ['MA777', 'NY'] });
	const transcript = await download(holder.page, '/transcript');
	expect(transcript.status).toBe(200);
	const text = (await pdfText(new Uint8Array(transcript.body))).replace(/\s+/g, ' ');
	expect(text).toContain('Continuing Education Transcript');
	expect(text).toContain('Анна Иванова');
	expect(text).toContain('License MA777 (NY)');
	expect(text).toContain(holder.code);
	expect(text).toContain('Total: 1 CE hour');
	await holder.close();
});

/** axe needs JavaScript in the page: scan the same URL in a scripted page of the same account. */
async function expectAccessibleWithScript(browser: Browser, url: string, page: Page) {
	const context = await browser.newContext({ storageState: await page.context().storageState() });
	const scripted = await context.newPage();
	await scripted.goto(url);
	await expectAccessible(scripted);
	await context.close();
}
