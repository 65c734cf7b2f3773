import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '../support/pdf-text';
import { ownAddress } from './accounts';
import {
	answerQuiz,
	expectAccessible,
	PASSWORD,
	questionsOf,
	register,
	shippedCourse,
	shippedQuizzes,
	submitEvaluation,
	uniqueEmail
} from './support';

// Each journey registers a student, from an address of its own (per-address registration limit).
test.beforeEach(async ({ context }, testInfo) => {
	await ownAddress(context, testInfo, 9);
});

// The course's final quiz: with every required lesson opened, passing it completes the course.
const quiz = shippedQuizzes().find((q) => q.lessonId === null)!;
const courseUrl = `/courses/${quiz.courseId}`;

/**
 * The whole journey of one student: register, enrol, read every lesson (the optional one too;
 * it never blocks completion), fail the final quiz, pass it, evaluate the course, see it among
 * the completed courses, download the certificate and verify it. `checkA11y` scans each page with
 * axe on the way (axe needs JavaScript in the page, so the no-JavaScript run skips it).
 */
async function completeCourse(page: Page, name: string, checkA11y: boolean) {
	const scan = async () => {
		if (checkA11y) await expectAccessible(page);
	};
	await register(page, name);
	await scan();

	await page.goto(courseUrl);
	await scan();
	await page.getByRole('button', { name: 'Enrol in this course' }).click();

	// Enrolling opens the first lesson; walk the outline to open every lesson.
	const outline = page.getByRole('navigation', { name: 'Lessons in this course' });
	const titles = (await outline.getByRole('listitem').getByRole('link').allTextContents()).map(
		(t) => t.trim()
	);
	expect(titles.length).toBeGreaterThanOrEqual(3);
	for (const title of titles) {
		await outline.getByRole('link', { name: title, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	}
	await scan();

	await outline.getByRole('link', { name: quiz.title, exact: true }).click();
	await expect(page).toHaveURL(quiz.path);
	await answerQuiz(page, quiz, 'wrong');
	await expect(page).toHaveURL(/\?attempt=/);
	await expect(page.getByRole('heading', { name: /Your score: \d+%/ })).toBeVisible();
	await expect(page.getByText('Not passed yet.')).toBeVisible();
	// The review explains each question only now, after the attempt was submitted (a pool shows
	// only the questions drawn for this attempt).
	const review = (await page.locator('main').textContent()) ?? '';
	expect(questionsOf(quiz).some((q) => review.includes(q.explanation))).toBe(true);
	await scan();

	await answerQuiz(page, quiz, 'right');
	await expect(page.getByRole('heading', { name: /Your score: 100%/ })).toBeVisible();
	await expect(page.getByText('You passed this quiz.')).toBeVisible();

	// The evaluation is the last step of the rule: until it is in, there is no certificate.
	await expect(page.getByRole('link', { name: 'See your certificate' })).toHaveCount(0);
	await page.getByRole('link', { name: 'evaluate the course' }).click();
	await scan();
	await submitEvaluation(page, quiz.courseId, 'Clear lessons <b>& useful</b> cases');
	await expect(page.getByRole('link', { name: 'See your certificate' })).toBeVisible();
	await scan();

	// The finished course has left "Continue learning" for "Completed courses".
	await page.getByRole('link', { name: 'Dashboard' }).click();
	const completed = page.getByRole('region', { name: 'Completed courses' });
	await expect(
		completed.getByRole('heading', { name: shippedCourse(quiz.courseId).title })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Continue learning' })).not.toContainText(
		shippedCourse(quiz.courseId).title
	);
	await scan();

	const pdfLink = page.getByRole('link', { name: 'Download PDF' });
	const response = await page.request.get((await pdfLink.getAttribute('href'))!);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/pdf');
	const pdf = await response.body();
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(await pdfText(new Uint8Array(pdf))).toContain(name);

	await page.getByRole('link', { name: 'Verification page' }).click();
	await expect(page.getByText('Valid.')).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: name })).toBeVisible();
	await scan();
	return page.url();
}

test('a new student completes the course and gets a certificate anyone can verify', async ({
	page,
	browser
}) => {
	// A real name in another script, with characters that look like markup: kept and escaped.
	const name = 'Zoë Ørsted-Łukasiewicz <b>& Σοφία</b>';
	const verificationUrl = await completeCourse(page, name, true);

	// Anyone, signed in or not, can verify the certificate, but only its holder gets the PDF.
	const stranger = await browser.newPage();
	await stranger.goto(verificationUrl);
	await expect(stranger.getByText('Valid.')).toBeVisible();
	await expect(stranger.getByRole('definition').filter({ hasText: name })).toBeVisible();
	const pdf = await stranger.request.get(`${new URL(verificationUrl).pathname}/pdf`, {
		maxRedirects: 0
	});
	expect(pdf.status()).toBe(303);
	expect(pdf.headers()['location']).toMatch(/^\/login\?redirectTo=/);
	await stranger.close();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the same journey works as plain HTML forms', async ({ page }) => {
		await completeCourse(page, 'Анна Иванова', false);
	});
});

test('an anonymous visitor is sent to sign in and comes back to the lesson', async ({ page }) => {
	const lessonUrl = quiz.path;
	await page.goto(lessonUrl);
	await expect(page).toHaveURL(`/login?redirectTo=${encodeURIComponent(lessonUrl)}`);
	await expectAccessible(page);

	// An account made from there leads back: to the course page first, since the lesson needs
	// an enrolment, and enrolling opens the course.
	await page.getByRole('link', { name: 'Create an account' }).click();
	await page.getByLabel('Full name').fill('Sam Returning');
	await page.getByLabel('E-mail').fill(uniqueEmail('returning'));
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page).toHaveURL(courseUrl);
	await page.getByRole('button', { name: 'Enrol in this course' }).click();
	await expect(page).toHaveURL(/\/courses\/[a-z-]+\/[a-z-]+$/);
});

test('unknown certificate codes are a 404', async ({ page }) => {
	const response = await page.goto('/certificates/AAAA-BBBB-CCCC-DDDD');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
