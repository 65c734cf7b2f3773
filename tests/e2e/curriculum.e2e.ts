import { expect, test } from '@playwright/test';
import { createStaff, signInStaffFirstTime } from './accounts';
import { publishedLessons } from './support';

test('every lesson of every course renders with its figures, links and components intact', async ({
	page
}) => {
	test.setTimeout(300_000);
	const lessons = publishedLessons();
	expect(lessons.length).toBeGreaterThanOrEqual(35);

	// An admin may open every course's lessons without enrolling or meeting prerequisites.
	await signInStaffFirstTime(page, createStaff('admin', 'curriculum'));
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
	});
	page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));

	const checkedLinks = new Set<string>();
	for (const { path, file } of lessons) {
		const response = await page.goto(path, { waitUntil: 'networkidle' });
		expect(response?.status(), file).toBe(200);
		await expect(page.getByRole('heading', { level: 1 }), file).toBeVisible();

		// Every image loaded (a broken one has no natural width).
		const broken = await page
			.locator('main img')
			.evaluateAll((images) =>
				(images as HTMLImageElement[])
					.filter((img) => !img.complete || img.naturalWidth === 0)
					.map((img) => img.getAttribute('src'))
			);
		expect(broken, file).toEqual([]);

		// Every link on the page that stays on this site answers.
		const hrefs = await page
			.locator('main a[href^="/"]')
			.evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('#')[0]!));
		for (const href of hrefs) {
			if (!href || checkedLinks.has(href)) continue;
			checkedLinks.add(href);
			const answer = await page.request.get(href, { maxRedirects: 0 });
			expect(answer.status(), `${file} links to ${href}`).toBeLessThan(400);
		}
	}
	expect(errors).toEqual([]);
});
