import { expect, test, type Page } from '@playwright/test';
import { ownAddress } from './accounts';
import { enrol, register } from './support';

// Lessons arrive as server-rendered HTML; only their interactive parts load code and come alive.
const COURSE = 'foundations-of-medical-massage';
const PRACTICE = `/courses/${COURSE}/putting-it-into-practice`;

test.beforeEach(async ({ context }, testInfo) => {
	await ownAddress(context, testInfo, 41);
});

async function enrolledStudent(page: Page) {
	await register(page, 'Island Reader');
	await enrol(page, COURSE);
}

test('a lesson’s calculator and self-check work once their code has loaded', async ({ page }) => {
	await enrolledStudent(page);
	await page.goto(PRACTICE);

	const minutes = page.getByLabel('Total minutes of direct, timed treatment in the day');
	await minutes.fill('53');
	await expect(page.locator('output')).toContainText('Total: 4 units');

	const check = page.getByRole('group', { name: /stays within a massage therapist's scope/ });
	await check.getByLabel('Her cervical disc is irritated on the left.').check();
	await page.getByRole('button', { name: 'Check my answer' }).click();
	await expect(page.getByText('Not quite.')).toBeVisible();

	// Component styles arrive with the server's HTML, not with hydration.
	const callout = page.locator('.callout').first();
	await expect(callout).toHaveCSS('border-top-style', 'solid');
});

test('moving to the next lesson in the browser brings its own interactive parts', async ({
	page
}) => {
	await enrolledStudent(page);
	await page.goto(`/courses/${COURSE}/stress-response-and-relaxation-massage`);
	await page
		.getByRole('link', { name: /Practice Case: One Patient from Referral to Claim/ })
		.last()
		.click();
	await expect(page).toHaveURL(PRACTICE);
	await page.getByLabel('Total minutes of direct, timed treatment in the day').fill('7');
	await expect(page.locator('output')).toContainText('Total: 0 units');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the lesson is whole: answers wait in a fold and no input does nothing', async ({
		page
	}) => {
		await enrolledStudent(page);
		await page.goto(PRACTICE);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(
			page.getByLabel('Total minutes of direct, timed treatment in the day')
		).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Check my answer' })).toHaveCount(0);
		await page.getByText('Show the answer').first().click();
		await expect(page.getByText(/Describing what you felt and what it reproduced/)).toBeVisible();
		await expect(page.locator('.callout').first()).toHaveCSS('border-top-style', 'solid');
	});
});
