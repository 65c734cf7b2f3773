import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
	answerQuestion,
	answerQuiz,
	enrol,
	expectAccessible,
	firstLessonId,
	questionsOf,
	register,
	shippedQuizzes
} from './support';

// The server reads the review's clock offset (milliseconds) from this file, as
// playwright.config.ts starts it (src/lib/server/clock.ts); nothing else in the app moves.
const CLOCK_FILE = '.e2e-data/clock';
const DAY = 24 * 60 * 60 * 1000;

/** Moves the review's clock forward: relative, so tests that ran before keep their offset. */
function advanceClock(days: number) {
	let offset = 0;
	try {
		offset = Number(readFileSync(CLOCK_FILE, 'utf8')) || 0;
	} catch {
		// No file yet: the real time.
	}
	writeFileSync(CLOCK_FILE, String(offset + days * DAY));
}

// The one lesson quiz shipped: every question type, a case and a hotspot.
const quiz = shippedQuizzes().find((q) => q.lessonId !== null)!;
const questions = questionsOf(quiz);

const dueHeading = (page: Page, count: number) =>
	page.getByRole('heading', {
		level: 2,
		name:
			count === 0
				? 'Nothing to review now'
				: `${count} ${count === 1 ? 'question' : 'questions'} to review now`
	});

/** Answers the question /review shows, right, and returns it. */
async function answerShownQuestion(page: Page, hotspot: 'click' | 'list') {
	const fieldset = page.locator('form fieldset.question');
	const legend = (await fieldset.locator('legend').textContent()) ?? '';
	const question = questions.find((q) => legend.includes(q.prompt));
	if (!question) throw new Error(`no shipped question "${legend.slice(0, 80)}"`);
	// The key and the explanation reach the browser only after the answer.
	expect(await page.content()).not.toContain(question.explanation);
	await answerQuestion(fieldset, question, 'right', hotspot);
	await page.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.getByRole('heading', { level: 2, name: /^Correct\./ })).toBeVisible();
	await expect(page.locator('#feedback')).toContainText(question.explanation);
	return question;
}

for (const javaScriptEnabled of [true, false]) {
	test(`Review schedules a missed question and brings it back when due (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser
	}) => {
		const context = await browser.newContext({ javaScriptEnabled });
		const page = await context.newPage();
		try {
			await register(page, 'Rita Review');
			await page.goto('/review');
			await expect(dueHeading(page, 0)).toBeVisible();

			// Every question of the quiz missed: each comes to the review, due now.
			await enrol(page, quiz.courseId);
			await page.goto(quiz.path, { waitUntil: 'networkidle' });
			await answerQuiz(page, quiz, 'wrong');
			await expect(page.getByText('Not passed yet.')).toBeVisible();
			await page.goto('/dashboard');
			await page.getByRole('link', { name: `${questions.length} questions to review now` }).click();
			await expect(page).toHaveURL('/review');
			// axe runs in the page: scanned with JavaScript on (the markup is the same).
			if (javaScriptEnabled) await expectAccessible(page);

			// Answered one at a time; each leaves the review until it is due again.
			const answered = [];
			for (let left = questions.length; left > 0; left--) {
				await expect(dueHeading(page, left)).toBeVisible();
				answered.push(await answerShownQuestion(page, javaScriptEnabled ? 'click' : 'list'));
				if (javaScriptEnabled && left === questions.length) await expectAccessible(page);
			}
			await expect(dueHeading(page, 0)).toBeVisible();
			expect(new Set(answered.map((q) => q.id)).size).toBe(questions.length);
			await page.reload();
			await expect(dueHeading(page, 0)).toBeVisible();
			await expect(page.locator('form fieldset.question')).toHaveCount(0);

			// A day later nothing is due yet (a right answer comes back after three days)...
			advanceClock(1);
			await page.reload();
			await expect(dueHeading(page, 0)).toBeVisible();
			// ...and after the interval every question is back.
			advanceClock(30);
			await page.goto('/dashboard');
			await expect(
				page.getByRole('link', { name: `${questions.length} questions to review now` })
			).toBeVisible();
			await page.goto('/review');
			await expect(dueHeading(page, questions.length)).toBeVisible();
			await expect(page.locator('form fieldset.question')).toHaveCount(1);
		} finally {
			await context.close();
		}
	});
}

test.describe('without JavaScript', () => {
	// A plain form post, so the refusal's status is the page's own.
	test.use({ javaScriptEnabled: false });

	test('a review answer left blank is refused with a message, and the question stays due', async ({
		page
	}) => {
		await register(page, 'Blank Answer');
		await enrol(page, quiz.courseId);
		await page.goto(quiz.path, { waitUntil: 'networkidle' });
		await answerQuiz(page, quiz, 'wrong');
		await expect(page.getByText('Not passed yet.')).toBeVisible();
		await page.goto('/review');
		await expect(dueHeading(page, questions.length)).toBeVisible();

		const response = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: 'Check my answer' }).click();

		expect((await response).status()).toBe(400);
		await expect(page.getByRole('alert')).toHaveText('Answer the question before checking it.');
		await expect(dueHeading(page, questions.length)).toBeVisible();
	});
});

test('a question answered right but marked unsure comes to the review, and the quiz is still passed', async ({
	page
}) => {
	await register(page, 'Uma Unsure');
	await enrol(page, quiz.courseId);
	await page.goto(quiz.path, { waitUntil: 'networkidle' });
	const doubted = page.locator('form fieldset.question').first();
	const prompt = (await doubted.locator('legend').textContent()) ?? '';
	await doubted.getByLabel('I’m unsure of this answer: add it to my review').check();
	await answerQuiz(page, quiz, 'right');
	await expect(page.getByRole('heading', { name: /Your score: 100%/ })).toBeVisible();

	await page.goto('/review');
	await expect(dueHeading(page, 1)).toBeVisible();
	const legend = (await page.locator('form fieldset.question legend').textContent()) ?? '';
	const question = questions.find((q) => legend.includes(q.prompt))!;
	expect(prompt).toContain(question.prompt);
});

test('the dashboard leads to the next lesson, and back into an unfinished one, in one tap', async ({
	page
}) => {
	await register(page, 'Dana Dashboard');
	await enrol(page, quiz.courseId);
	await expect(page).toHaveURL(`/courses/${quiz.courseId}/${firstLessonId(quiz.courseId)}`);

	await page.goto('/dashboard');
	const card = page.getByRole('listitem').filter({ has: page.getByRole('progressbar') });
	await expect(card.getByRole('progressbar')).toHaveAttribute('value', /^[1-9]\d?$/);
	await expect(card).toContainText('next:');
	await card.getByRole('link', { name: /^Continue/ }).click();
	await expect(page).not.toHaveURL(/\/dashboard$/);
	const second = new URL(page.url()).pathname;
	expect(second).toMatch(new RegExp(`^/courses/${quiz.courseId}/[a-z0-9-]+$`));
	expect(second).not.toBe(`/courses/${quiz.courseId}/${firstLessonId(quiz.courseId)}`);

	// Left in the middle of a lesson whose quiz is not done: the dashboard resumes it.
	await page.goto(quiz.path);
	await page.goto('/dashboard');
	await expectAccessible(page);
	await expect(card).toContainText('where you left off');
	await card.getByRole('link', { name: /^Resume/ }).click();
	await expect(page).toHaveURL(quiz.path);
});
