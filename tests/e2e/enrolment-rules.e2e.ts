import { expect, test, type Page } from '@playwright/test';
import {
	addressFor,
	createStaff,
	execute,
	postForm,
	query,
	signInStaffFirstTime,
	userRow
} from './accounts';
import { expectAccessible, register, shippedCourse, shippedQuizzes } from './support';

// Changes the enrolment rules of shipped courses, so it runs alone after every other test (its
// own Playwright project, see playwright.config.ts), and puts the courses back to open.

const quizzes = shippedQuizzes();
/** The first course, which has no prerequisites, and one that builds on it. */
const course = quizzes[0]!.courseId;
const advanced = quizzes.find((q) => q.courseId !== course)!.courseId;
/** This file's addresses: 10.12.x.y (see addressFor). */
const PREFIX = 12;

function enrolled(email: string, courseId = course): boolean {
	const id = userRow(email)!.id as string;
	return (
		query('select 1 from enrollment where user_id = ? and course_id = ?', id, courseId).length > 0
	);
}

function daysFromToday(days: number): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
		new Date()
	);
	const date = new Date(`${today}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

async function setPolicy(
	admin: Page,
	mode: string,
	opensOn = '',
	closesOn = '',
	courseId = course
) {
	await admin.goto('/admin/enrolment');
	const form = admin.locator('form.policy').filter({ hasText: shippedCourse(courseId).title });
	await form.getByLabel('Enrolment').selectOption(mode);
	await form.getByLabel('First day').fill(opensOn);
	await form.getByLabel('Last day').fill(closesOn);
	await form.getByRole('button', { name: /^Save/ }).click();
	await expect(admin.getByText('Saved how students enrol')).toBeVisible();
}

async function newCodes(admin: Page, maxUses: string, courseId = course): Promise<string> {
	await admin.goto('/admin/enrolment');
	await admin.getByLabel('Course', { exact: true }).first().selectOption(courseId);
	await admin.getByLabel('Uses of each code').fill(maxUses);
	await admin.getByRole('button', { name: 'Create codes' }).click();
	const list = admin.getByRole('list', { name: 'New enrolment codes' });
	await expect(list).toBeVisible();
	return (await list.getByRole('listitem').first().textContent())!.trim();
}

async function enrolWithCode(page: Page, code: string) {
	await page.goto(`/courses/${course}`);
	await page.getByLabel('Enrolment code').fill(code);
	await page.getByRole('button', { name: 'Enrol in this course' }).click();
}

test.describe('enrolment rules', () => {
	test.describe.configure({ mode: 'serial', timeout: 180_000 });
	test('codes, windows and assigned places hold, even for a form posted directly', async ({
		browser
	}, testInfo) => {
		const from = (person: string) => ({
			extraHTTPHeaders: { 'x-forwarded-for': addressFor(testInfo, PREFIX, person) }
		});
		const admin = await (await browser.newContext(from('admin'))).newPage();
		await signInStaffFirstTime(admin, createStaff('admin', 'enrolment'));
		const students = await Promise.all(
			[1, 2, 3].map(async (n) => {
				const context = await browser.newContext(from(`student ${n}`));
				const page = await context.newPage();
				return { page, email: await register(page, `Rule Tester ${n}`) };
			})
		);
		const [first, second, third] = students as [
			(typeof students)[0],
			(typeof students)[0],
			(typeof students)[0]
		];

		try {
			// By code: a code with one use lets one student in, then no one.
			await setPolicy(admin, 'code');
			await expectAccessible(admin);
			const once = await newCodes(admin, '1');
			await expect(admin.getByRole('row').filter({ hasText: once })).toContainText('0 of 1');

			await enrolWithCode(first.page, once.toLowerCase());
			await expect(first.page).toHaveURL(new RegExp(`/courses/${course}/`));
			expect(enrolled(first.email)).toBe(true);

			await enrolWithCode(second.page, once);
			await expect(
				second.page
					.getByText('That enrolment code has been used as many times as it allows.')
					.first()
			).toBeVisible();
			await expectAccessible(second.page);
			expect(enrolled(second.email)).toBe(false);

			// An expired code: made today, its last day moved to yesterday.
			const stale = await newCodes(admin, '');
			execute('update enrollment_code set expires_on = ? where code = ?', daysFromToday(-1), stale);
			await enrolWithCode(second.page, stale);
			await expect(second.page.getByText(/That enrolment code expired on/).first()).toBeVisible();
			expect(enrolled(second.email)).toBe(false);

			// Posting the form directly, without a code: refused.
			const bare = await postForm(second.page.request, `/courses/${course}?/enroll`, {});
			expect(bare.status()).toBe(400);
			expect(enrolled(second.email)).toBe(false);

			// A closed window: no form on the page, and a direct post gets 403.
			await setPolicy(admin, 'open', '', daysFromToday(-1));
			await third.page.goto(`/courses/${course}`);
			await expect(third.page.getByText(/Enrolment in this course closed on/)).toBeVisible();
			await expect(third.page.getByRole('button', { name: 'Enrol in this course' })).toHaveCount(0);
			const late = await postForm(third.page.request, `/courses/${course}?/enroll`, {});
			expect(late.status()).toBe(403);
			expect(enrolled(third.email)).toBe(false);

			// Not open yet either.
			await setPolicy(admin, 'open', daysFromToday(1), '');
			expect((await postForm(third.page.request, `/courses/${course}?/enroll`, {})).status()).toBe(
				403
			);

			// Assigned places: only an admin enrols.
			await setPolicy(admin, 'assigned');
			expect((await postForm(third.page.request, `/courses/${course}?/enroll`, {})).status()).toBe(
				403
			);
			expect(enrolled(third.email)).toBe(false);
			await admin.getByLabel("The student's e-mail").fill(third.email);
			await admin.getByLabel('Course', { exact: true }).last().selectOption(course);
			await admin.getByRole('button', { name: 'Enrol', exact: true }).click();
			await expect(admin.getByText(`${third.email} is enrolled in`)).toBeVisible();
			expect(enrolled(third.email)).toBe(true);
			const row = query<{ via: string }>(
				'select via from enrollment where user_id = ?',
				userRow(third.email)!.id
			);
			expect(row).toEqual([{ via: 'admin' }]);

			// A course that builds on the first one, by code: a student without the first course's
			// certificate is told so, and the code keeps its use for someone who can start.
			await setPolicy(admin, 'code', '', '', advanced);
			const early = await newCodes(admin, '1', advanced);
			await second.page.goto(`/courses/${advanced}`);
			await expect(second.page.getByText(/This course builds on/).first()).toBeVisible();
			await expect(second.page.getByLabel('Enrolment code')).toHaveCount(0);
			const direct = await postForm(second.page.request, `/courses/${advanced}?/enroll`, {
				code: early
			});
			expect(direct.status()).toBe(403);
			expect(enrolled(second.email, advanced)).toBe(false);
			expect(
				query<{ uses: number }>('select uses from enrollment_code where code = ?', early)
			).toEqual([{ uses: 0 }]);
		} finally {
			await setPolicy(admin, 'open');
			await setPolicy(admin, 'open', '', '', advanced);
		}
		for (const s of students) await s.page.close();
		await admin.close();
	});
});
