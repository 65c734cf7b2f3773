import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { addressFor, query, userRow } from './accounts';
import {
	answerQuiz,
	expectAccessible,
	PASSWORD,
	register,
	shippedQuizzes,
	submitEvaluation
} from './support';

// Studying over several sittings and devices: reading position and drafted answers kept on the
// server, time on task from bounded heartbeats, the course evaluation, idempotent submissions.

const finalQuiz = shippedQuizzes().find((q) => q.lessonId === null)!;
const lessonQuiz = shippedQuizzes().find(
	(q) => q.courseId === finalQuiz.courseId && q.lessonId !== null
)!;
const courseId = finalQuiz.courseId;

/** A browser context of its own (a fresh browser: no cookies, no storage) from this test's address. */
async function freshBrowser(browser: Browser, testInfo: TestInfo, javaScriptEnabled = true) {
	const context = await browser.newContext({
		javaScriptEnabled,
		extraHTTPHeaders: { 'x-forwarded-for': addressFor(testInfo, 51) }
	});
	return { context, page: await context.newPage() };
}

async function enrolled(browser: Browser, testInfo: TestInfo, javaScriptEnabled = true) {
	const { context, page } = await freshBrowser(browser, testInfo, javaScriptEnabled);
	const email = await register(page, 'Rita Resume');
	await page.goto(`/courses/${courseId}`);
	await page.getByRole('button', { name: 'Enrol in this course' }).click();
	await expect(page).toHaveURL(new RegExp(`/courses/${courseId}/[a-z0-9-]+$`));
	return { context, page, email, userId: userRow(email)!.id as string };
}

async function signIn(page: Page, email: string) {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome', {
		timeout: 20_000
	});
}

/** The first radio question of the quiz form and the label of its second choice. */
async function radioQuestion(page: Page) {
	const question = page.locator('form fieldset.question').filter({ has: page.getByRole('radio') });
	const first = question.first();
	const choice = first.getByRole('radio').nth(1);
	const label = ((await first.locator('label.option').nth(1).textContent()) ?? '').trim();
	return { question: first, choice, label };
}

function draftOf(userId: string): Record<string, string[]> {
	const [row] = query<{ draft: string | null }>(
		'select draft from quiz_attempt where user_id = ? and quiz_id = ? and submitted_at is null',
		userId,
		lessonQuiz.id
	);
	const fields: Record<string, string[]> = {};
	for (const [name, value] of JSON.parse(row?.draft ?? '[]') as [string, string][]) {
		(fields[name] ??= []).push(value);
	}
	return fields;
}

test('resume: a fresh browser lands on the same lesson and passage, with the drafted answers', async ({
	browser
}, testInfo) => {
	const first = await enrolled(browser, testInfo);
	const { page } = first;
	await page.goto(lessonQuiz.path, { waitUntil: 'networkidle' });
	await expectAccessible(page);

	// Mid-quiz: one answer saved with the button, another saved by itself a moment later.
	const { choice, label } = await radioQuestion(page);
	await choice.check();
	await page.getByRole('button', { name: 'Save answers' }).click();
	await expect(page.getByRole('status').filter({ hasText: /Answers saved at/ })).toBeVisible();
	await expect(page).toHaveURL(lessonQuiz.path);
	const name = (await choice.getAttribute('name'))!;
	expect(draftOf(first.userId)[name]).toEqual([await choice.getAttribute('value')]);
	const text = page
		.locator('form')
		.getByRole('textbox', { name: /^Your answer/ })
		.first();
	const typed = 'Drafted <b>answer</b> & more';
	const hasText = (await text.count()) > 0;
	if (hasText) {
		await text.fill(typed);
		await expect.poll(() => Object.values(draftOf(first.userId)).flat()).toContain(typed);
	}

	// Mid-lesson: scrolled to a passage halfway through the article.
	const target = await page.evaluate(() => {
		const article = document.querySelector('article')!;
		const top = article.getBoundingClientRect().top + window.scrollY;
		const y = Math.round(top + article.offsetHeight * 0.45);
		window.scrollTo(0, y);
		return window.scrollY;
	});
	expect(target).toBeGreaterThan(300);
	await expect
		.poll(
			() =>
				query<{ last_position: number | null; last_lesson_id: string }>(
					'select last_position, last_lesson_id from enrollment where user_id = ?',
					first.userId
				)[0]
		)
		.toMatchObject({ last_lesson_id: lessonQuiz.lessonId, last_position: expect.any(Number) });
	await first.context.close();

	// Another browser, signed in from scratch: one tap from the dashboard.
	const second = await freshBrowser(browser, testInfo);
	await signIn(second.page, first.email);
	await second.page
		.getByRole('link', { name: /^(Resume|Continue)/ })
		.first()
		.click();
	await expect(second.page).toHaveURL(lessonQuiz.path);
	// The same passage on screen: within a quarter of the window (figures and interactive parts
	// settle after the scroll, moving the text by a few lines).
	const slack = second.page.viewportSize()!.height / 4;
	await expect
		.poll(() => second.page.evaluate(() => window.scrollY))
		.toBeGreaterThan(target - slack);
	expect(await second.page.evaluate(() => window.scrollY)).toBeLessThan(target + slack);
	const again = await radioQuestion(second.page);
	await expect(again.question.getByLabel(label, { exact: true })).toBeChecked();
	if (hasText) {
		await expect(
			second.page
				.locator('form')
				.getByRole('textbox', { name: /^Your answer/ })
				.first()
		).toHaveValue(typed);
	}
	await second.context.close();
});

test.describe('without JavaScript', () => {
	test('the Save button keeps drafted answers, for a fresh browser too', async ({
		browser
	}, testInfo) => {
		const first = await enrolled(browser, testInfo, false);
		await first.page.goto(lessonQuiz.path);
		const { choice, label } = await radioQuestion(first.page);
		await choice.check();
		await first.page.getByRole('button', { name: 'Save answers' }).click();
		// The page comes back from the server with the answer filled in from the saved draft.
		await expect(first.page).toHaveURL(`${lessonQuiz.path}#quiz-form`);
		await expect(first.page.getByRole('status')).toContainText('Answers saved at');
		await expect((await radioQuestion(first.page)).choice).toBeChecked();
		await first.context.close();

		const second = await freshBrowser(browser, testInfo, false);
		await signIn(second.page, first.email);
		await second.page
			.getByRole('link', { name: /^(Resume|Continue)/ })
			.first()
			.click();
		await expect(second.page).toHaveURL(lessonQuiz.path);
		const again = await radioQuestion(second.page);
		await expect(again.question.getByLabel(label, { exact: true })).toBeChecked();
		await second.context.close();
	});
});

test('a double submission makes one attempt, and each copy is sent to its result', async ({
	browser
}, testInfo) => {
	const { context, page, userId } = await enrolled(browser, testInfo, false);
	await page.goto(lessonQuiz.path);
	const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('?/submit'));
	await answerQuiz(page, lessonQuiz, 'wrong');
	const request = await posted;
	await expect(page.getByRole('heading', { name: /Your score/ })).toBeVisible();
	const location = new URL(page.url());

	// The same form sent twice more at once, as a double click or a resend would.
	const resend = () =>
		page.request.post(request.url(), {
			data: request.postData()!,
			maxRedirects: 0,
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: new URL(request.url()).origin,
				accept: 'text/html'
			}
		});
	const answers = await Promise.all([resend(), resend()]);
	for (const answer of answers) {
		expect(answer.status()).toBe(303);
		expect(answer.headers()['location']).toBe(`${location.pathname}${location.search}#result`);
	}
	const attempts = query<{ id: string }>(
		'select id from quiz_attempt where user_id = ? and quiz_id = ? and submitted_at is not null',
		userId,
		lessonQuiz.id
	);
	expect(attempts).toEqual([{ id: location.searchParams.get('attempt') }]);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Your attempts' })).toBeVisible();
	await expect(page.locator('h3:has-text("Your attempts") + ul > li')).toHaveCount(1);
	await context.close();
});

test('heartbeats sent in a flood credit no more than the wall-clock time', async ({
	browser
}, testInfo) => {
	// Without JavaScript the page itself sends no heartbeat: only the flood below counts.
	const { context, page, userId } = await enrolled(browser, testInfo, false);
	const lessonId = lessonQuiz.lessonId!;
	const beat = () =>
		page.request.post(`/courses/${courseId}/heartbeat`, {
			form: { lesson: lessonId, position: '500' },
			headers: { origin: new URL(page.url()).origin }
		});

	const started = Date.now();
	const answers = await Promise.all(Array.from({ length: 100 }, beat));
	const elapsed = Date.now() - started;

	expect(answers.map((a) => a.status())).toEqual(Array(100).fill(204));
	const [credited] = query<{ total: number }>(
		'select coalesce(sum(milliseconds), 0) as total from lesson_time where user_id = ?',
		userId
	);
	expect(credited!.total).toBeLessThanOrEqual(elapsed);
	// What a student sees of it: their time in the course, on the lesson page.
	await page.goto(lessonQuiz.path);
	await expect(
		page.getByText(/Time studied in this course: (none yet|under a minute)/)
	).toBeVisible();

	const refused = await page.request.post(`/courses/${courseId}/heartbeat`, {
		form: { lesson: 'no-such-lesson' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(refused.status()).toBe(400);
	await context.close();
});

test('a hidden tab sends no heartbeat; a visible one does', async ({ browser }, testInfo) => {
	const { context, page } = await enrolled(browser, testInfo);
	// Away from the lesson the enrolment opened, whose own beats are not this test's.
	await page.goto('/dashboard', { waitUntil: 'networkidle' });
	const beats: string[] = [];
	page.on('request', (r) => {
		if (r.url().endsWith('/heartbeat')) beats.push(r.postData() ?? '');
	});
	// The tab is in the background from the start, and the page's clock is under the test's hand.
	await page.addInitScript(() => {
		let state: DocumentVisibilityState = 'hidden';
		Object.defineProperty(document, 'visibilityState', { get: () => state });
		Object.defineProperty(document, 'hidden', { get: () => state === 'hidden' });
		(window as unknown as { showTab: () => void }).showTab = () => {
			state = 'visible';
			document.dispatchEvent(new Event('visibilitychange'));
		};
	});
	await page.clock.install();
	await page.goto(lessonQuiz.path, { waitUntil: 'networkidle' });
	await page.clock.runFor(10 * 60_000);
	expect(beats).toEqual([]);

	// Shown again: a beat that restarts the clock (credits nothing), then one every interval.
	await page.evaluate(() => (window as unknown as { showTab: () => void }).showTab());
	await expect.poll(() => beats.length).toBe(1);
	expect(beats[0]).toContain('resume=1');
	await page.clock.runFor(16_000);
	await expect.poll(() => beats.length).toBe(2);
	expect(beats[1]).not.toContain('resume=1');
	await context.close();
});

test('the evaluation is required for the certificate, checked, kept as typed and accessible', async ({
	browser
}, testInfo) => {
	const { context, page, userId } = await enrolled(browser, testInfo);
	await page.goto(`/courses/${courseId}/evaluation`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Course evaluation');
	await expectAccessible(page);

	// Ratings left out: a 400 that says which, and nothing stored.
	const refused = await page.request.post(`/courses/${courseId}/evaluation?/submit`, {
		form: { objectives: '5', comments: 'half done' },
		maxRedirects: 0,
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('Choose a rating from 1 to 5');
	expect(query('select * from course_evaluation where user_id = ?', userId)).toEqual([]);

	const comments = '<script>alert("x")</script> & “quotes”';
	await submitEvaluation(page, courseId, comments);
	await expect(page.getByLabel(/^Comments/)).toHaveValue(comments);
	await expect(page.getByText('steps of the course left before your certificate')).toBeVisible();
	await expectAccessible(page);
	// Submitted, but lessons and quizzes remain: no certificate yet.
	expect(query('select * from certificate where user_id = ?', userId)).toEqual([]);
	await expect(
		page
			.getByRole('navigation', { name: 'Lessons in this course' })
			.getByText('submitted', { exact: false })
	).toHaveCount(1);
	await context.close();
});
