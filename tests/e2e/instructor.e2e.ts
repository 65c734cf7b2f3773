import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { addressFor, createStaff, execute, query, signInStaffFirstTime, userRow } from './accounts';
import {
	answerQuiz,
	expectAccessible,
	finishCourse,
	questionsOf,
	register,
	shippedCourse,
	shippedQuizzes
} from './support';

// The first course (no prerequisites): its lessons, one of them with a quiz, and a final quiz
// drawn from a pool.
const quizzes = shippedQuizzes();
const course = quizzes[0]!.courseId;
const quiz = quizzes.find((q) => q.courseId === course && q.lessonId !== null)!;
const finalQuiz = quizzes.find((q) => q.courseId === course && q.lessonId === null)!;
const courseTitle = shippedCourse(course).title;
/** This file's addresses: 10.11.x.y (see addressFor). */
const PREFIX = 11;
const from = (testInfo: TestInfo, person: string) => ({
	extraHTTPHeaders: { 'x-forwarded-for': addressFor(testInfo, PREFIX, person) }
});

/** Rows of a CSV download, keyed by header. */
async function csvRows(page: Page, path: string): Promise<Record<string, string>[]> {
	const response = await page.request.get(path);
	expect(response.status(), path).toBe(200);
	expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="[\w.-]+"$/);
	return parse(await response.text(), { bom: true, columns: true });
}

async function enrol(page: Page) {
	await page.goto(`/courses/${course}`);
	await page.getByRole('button', { name: 'Enrol in this course' }).click();
	await expect(page).toHaveURL(new RegExp(`/courses/${course}/`));
}

/** The students of one run, told apart from other tests' by a tag in their names. */
async function makeStudents(browser: Browser, testInfo: TestInfo, tag: string) {
	const names = {
		done: `Ada Done ${tag}`,
		started: `Ben Started ${tag}`,
		hostile: `=HYPERLINK("http://evil.example","x") ${tag}`,
		failed: `Dee Failed ${tag}`
	};
	const emails: Record<keyof typeof names, string> = {} as never;
	for (const [key, name] of Object.entries(names) as [keyof typeof names, string][]) {
		const page = await browser.newPage(from(testInfo, key));
		emails[key] = await register(page, name);
		if (key === 'done') await finishCourse(page, quiz);
		if (key === 'started') {
			// Opening the first lesson (no quiz) completes it: one step of the course's eight.
			await enrol(page);
		}
		if (key === 'hostile') {
			await page.goto(`/courses/${course}`);
			await page.getByRole('button', { name: 'Enrol in this course' }).click();
			// Enrolling opens the first lesson; undo that so this student has done nothing.
			execute('delete from lesson_progress where user_id = ?', userRow(emails[key])!.id as string);
			execute(
				'update enrollment set last_activity_at = null, last_lesson_id = null where user_id = ?',
				userRow(emails[key])!.id as string
			);
		}
		if (key === 'failed') {
			// Every lesson opened (those without a quiz complete), the lesson's quiz failed.
			await enrol(page);
			const hrefs = await page
				.getByRole('navigation', { name: 'Lessons in this course' })
				.getByRole('listitem')
				.getByRole('link')
				.evaluateAll((links) => links.map((l) => l.getAttribute('href')!));
			for (const href of hrefs) await page.goto(href);
			await page.goto(quiz.path, { waitUntil: 'networkidle' });
			await answerQuiz(page, quiz, 'wrong');
			await expect(page.getByText(/Your score/)).toBeVisible();
		}
		await page.close();
	}
	return { names, emails };
}

test.describe('instructor tools', () => {
	test.describe.configure({ mode: 'serial', timeout: 180_000 });

	test('an instructor finds the students furthest behind and the questions to review', async ({
		browser
	}, testInfo) => {
		const tag = `r${Date.now().toString(36)}`;
		const { names, emails } = await makeStudents(browser, testInfo, tag);
		const context = await browser.newContext(from(testInfo, 'instructor'));
		const page = await context.newPage();
		await signInStaffFirstTime(page, createStaff('instructor', 'roster', [course]));

		await page.goto('/instructor');
		await expectAccessible(page);
		const row = page.getByRole('row').filter({ hasText: courseTitle });
		await expect(row).toBeVisible();
		await row.getByRole('link').click();

		await expectAccessible(page);
		// Finding them is a plain GET form: the same without JavaScript.
		const noJs = await browser.newContext({
			javaScriptEnabled: false,
			storageState: await context.storageState(),
			...from(testInfo, 'instructor')
		});
		const plain = await noJs.newPage();
		await plain.goto(page.url());
		await plain.getByLabel('Name or e-mail').fill(tag);
		await plain.getByLabel('Order').selectOption('behind');
		await plain.getByRole('button', { name: 'Show students' }).click();
		await expect(plain).toHaveURL(new RegExp(`q=${tag}`));
		await expect(plain.getByRole('table').getByRole('rowheader')).toHaveCount(4);
		await noJs.close();

		await page.getByLabel('Name or e-mail').fill(tag);
		await page.getByLabel('Order').selectOption('behind');
		await page.getByRole('button', { name: 'Show students' }).click();
		await expect(page).toHaveURL(new RegExp(`q=${tag}`));
		await expectAccessible(page);
		const students = page.getByRole('table').getByRole('rowheader');
		await expect(students).toHaveCount(4);
		// Furthest behind first: nothing done, one step of eight, six of eight (the lessons without
		// a quiz), then complete: the lessons, their quiz and the final quiz.
		const order = await students.getByRole('link').allTextContents();
		expect(order).toEqual([names.hostile, names.started, names.failed, names.done]);
		// Typed as it was, shown as text.
		await expect(page.getByRole('link', { name: names.hostile, exact: true })).toBeVisible();

		await page.getByLabel('Show').selectOption('completed');
		await page.getByRole('button', { name: 'Show students' }).click();
		await expect(students).toHaveCount(1);

		await page.goto(
			`/instructor/courses/${course}/students/${userRow(emails.failed)!.id as string}`
		);
		await expectAccessible(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(names.failed);
		await expect(page.getByRole('heading', { level: 3 })).toContainText('not passed');
		await page.getByText('Answers').click();
		await expect(page.getByText('wrong').first()).toBeVisible();

		await page.getByRole('link', { name: `Questions: ${quiz.title}` }).click();
		await expectAccessible(page);
		await expect(
			page.getByRole('heading', { name: 'Questions to review, worst first' })
		).toBeVisible();
		await expect(page.getByRole('img', { name: 'Score distribution' })).toBeVisible();
		await expect(page.getByRole('table', { name: 'Attempts per score band' })).toBeVisible();
		await expect(page.getByRole('article')).toHaveCount(questionsOf(quiz).length);
		await expect(page.getByText(/facility \d\.\d\d · discrimination/).first()).toBeVisible();

		// The final quiz draws from a pool: each question counts the attempts that were shown it.
		await page.getByRole('link', { name: `Questions: ${finalQuiz.title}` }).click();
		await expectAccessible(page);
		await expect(page.getByText(/Each attempt draws \d+ of the \d+ questions/)).toBeVisible();
		const shown = await page.getByRole('article').count();
		expect(shown).toBeGreaterThan(0);
		expect(shown).toBeLessThanOrEqual(questionsOf(finalQuiz).length);

		await page.getByRole('link', { name: 'Exports' }).click();
		await expectAccessible(page);
		const roster = await csvRows(page, `/instructor/courses/${course}/exports/roster.csv?q=${tag}`);
		expect(roster.map((r) => r['Name']).sort()).toEqual(
			[names.done, names.started, `'${names.hostile}`, names.failed].sort()
		);
		expect(roster.find((r) => r['Name'] === names.done)).toMatchObject({
			'Progress %': '100',
			Status: 'completed'
		});
		const attempts = await csvRows(page, `/instructor/courses/${course}/exports/attempts.csv`);
		const failedAttempt = attempts.find((a) => a['E-mail'] === emails.failed);
		expect(failedAttempt).toMatchObject({ Passed: 'no', 'Questions right': '0' });
		const answers = await csvRows(page, `/instructor/courses/${course}/exports/responses.csv`);
		const failedAnswers = answers.filter((a) => a['Attempt'] === failedAttempt!['Attempt']);
		expect(failedAnswers).toHaveLength(questionsOf(quiz).length);
		// Written out in words, with the answer as stored beside it.
		expect(failedAnswers.every((a) => a['Correct'] === '0' && a['Answer'] !== '')).toBe(true);
		const completions = await csvRows(
			page,
			`/instructor/courses/${course}/exports/completions.csv`
		);
		expect(completions.some((c) => c['E-mail'] === emails.done)).toBe(true);
		// The graduate's evaluation (all "agree", as finishCourse gives it), for the course's record.
		const evaluations = await csvRows(
			page,
			`/instructor/courses/${course}/exports/evaluations.csv`
		);
		expect(evaluations.find((e) => e['E-mail'] === emails.done)).toMatchObject({
			'Objectives met (1-5)': '4',
			'Relevance to practice (1-5)': '4'
		});
		expect(evaluations.some((e) => e['E-mail'] === emails.failed)).toBe(false);
		const audit = query<{ n: number }>(
			"select count(*) as n from audit_log where action = 'export.download'"
		);
		expect(audit[0]!.n).toBeGreaterThanOrEqual(5);
		await context.close();
	});
});

test.describe('administration', () => {
	test.describe.configure({ mode: 'serial', timeout: 180_000 });

	test('an admin produces last month’s Florida file for CE Broker and marks it reported', async ({
		browser
	}, testInfo) => {
		const student = await browser.newPage(from(testInfo, 'student'));
		const email = await register(student, 'Flo Reporter');
		await student.goto('/account');
		await student.getByLabel('Massage therapy license number').fill('MA99881');
		await student.getByLabel('State that issued the license').selectOption('FL');
		await student.getByRole('button', { name: 'Save details' }).click();
		await finishCourse(student, quiz);
		await student.close();

		// The certificate was issued today; move it to the middle of last month, as if it were.
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(
			new Date()
		);
		const [year, month] = today.split('-').map(Number) as [number, number];
		const lastMonth = new Date(Date.UTC(year, month - 2, 15));
		const day = lastMonth.toISOString().slice(0, 10);
		const id = userRow(email)!.id as string;
		execute(
			'update certificate set completion_date = ?, issued_at = ? where user_id = ?',
			day,
			`${day}T15:00:00.000Z`,
			id
		);

		const page = await (await browser.newContext(from(testInfo, 'admin'))).newPage();
		await signInStaffFirstTime(page, createStaff('admin', 'reporting'));
		await page.goto('/admin/reporting');
		await expectAccessible(page);
		await expect(page.getByLabel('License state')).toHaveValue('FL');
		const row = page.getByRole('row').filter({ hasText: 'Flo Reporter' });
		await expect(row).toContainText('MA99881 (FL)');
		await expect(row).toContainText(day);

		const href = await page
			.getByRole('link', { name: 'Download for CE Broker' })
			.getAttribute('href');
		const upload = parse(await (await page.request.get(href!)).text(), { bom: true }) as string[][];
		const [m, d, y] = [lastMonth.getUTCMonth() + 1, 15, lastMonth.getUTCFullYear()];
		expect(upload).toContainEqual([
			'',
			'',
			course,
			'',
			'MA99881',
			`${m}/${d}/${y}`,
			'State=FL',
			''
		]);

		await page.getByRole('button', { name: /^Mark these \d+ completions as reported$/ }).click();
		await expect(page.getByRole('status').filter({ hasText: 'as reported' })).toBeVisible();
		const reported = query<{ batch_id: string }>(
			'select batch_id from ce_report where user_id = ?',
			id
		);
		expect(reported).toHaveLength(1);
		await page.getByLabel('Unreported only').check();
		await page.getByRole('button', { name: 'Show completions' }).click();
		await expect(page.getByRole('row').filter({ hasText: 'Flo Reporter' })).toHaveCount(0);
		await page.close();
	});

	test('a deactivated account cannot sign in and its certificate stays valid', async ({
		browser
	}, testInfo) => {
		const student = await browser.newPage(from(testInfo, 'student'));
		const email = await register(student, 'Gone Quiet');
		await finishCourse(student, quiz);
		const id = userRow(email)!.id as string;
		const [{ code }] = query<{ code: string }>(
			'select code from certificate where user_id = ?',
			id
		) as [{ code: string }];

		const admin = await (await browser.newContext(from(testInfo, 'admin'))).newPage();
		await signInStaffFirstTime(admin, createStaff('admin', 'deactivator'));
		await admin.goto(`/admin?q=${encodeURIComponent(email)}`);
		await expectAccessible(admin);
		await admin.getByRole('link', { name: 'Gone Quiet' }).click();
		await expectAccessible(admin);
		await admin.getByLabel('Your password').fill('correct horse battery staple');
		await admin.getByRole('button', { name: 'Deactivate Gone Quiet' }).click();
		await expect(admin.getByText('The account is deactivated')).toBeVisible();

		// Signed out at once, and refused at sign-in with a reason.
		await student.goto('/dashboard');
		await expect(student).toHaveURL(/\/login/);
		await student.getByLabel('E-mail').fill(email);
		await student.getByLabel('Password').fill('correct horse battery staple');
		await student.getByRole('button', { name: 'Sign in' }).click();
		await expect(student.getByText('This account has been deactivated')).toBeVisible();
		// The CE record stays.
		await student.goto(`/certificates/${code}`);
		await expect(student.getByText('Gone Quiet')).toBeVisible();
		expect(query('select 1 from enrollment where user_id = ?', id)).toHaveLength(1);

		await admin.goto(`/admin/audit?person=${encodeURIComponent(email)}`);
		await expectAccessible(admin);
		await expect(admin.getByRole('rowheader', { name: 'admin.deactivate' })).toBeVisible();

		await admin.goto(`/admin/users/${id}`);
		await admin.getByLabel('Your password').fill('correct horse battery staple');
		await admin.getByRole('button', { name: 'Reactivate Gone Quiet' }).click();
		await expect(admin.getByText('The account can sign in again.')).toBeVisible();
		await student.goto('/login');
		await student.getByLabel('E-mail').fill(email);
		await student.getByLabel('Password').fill('correct horse battery staple');
		await student.getByRole('button', { name: 'Sign in' }).click();
		await expect(student.getByRole('heading', { level: 1 })).toContainText('Welcome');
		await admin.close();
		await student.close();
	});

	test('an admin assigns an instructor to a course and takes it back', async ({
		browser
	}, testInfo) => {
		const instructor = createStaff('instructor', 'unassigned');
		const id = userRow(instructor)!.id as string;
		const page = await (await browser.newContext(from(testInfo, 'admin'))).newPage();
		await signInStaffFirstTime(page, createStaff('admin', 'assigner'));
		await page.goto(`/admin/users/${id}`);
		await page.getByLabel('Assign a course').selectOption(course);
		await page.getByRole('button', { name: 'Assign', exact: true }).click();
		await expect(page.getByText('The course is assigned.')).toBeVisible();
		expect(query('select 1 from course_instructor where user_id = ?', id)).toHaveLength(1);
		await expectAccessible(page);
		await page.getByRole('button', { name: /^Unassign/ }).click();
		await expect(page.getByText('The course is no longer assigned.')).toBeVisible();
		expect(query('select 1 from course_instructor where user_id = ?', id)).toHaveLength(0);
		await page.close();
	});
});
