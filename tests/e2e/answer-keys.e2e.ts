import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { answerQuiz, register, shippedQuizzes } from './support';

/** Every file the browser could ever download: the client build. */
function clientFiles(dir = 'build/client'): { file: string; text: string }[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory()
			? clientFiles(path)
			: [{ file: path, text: readFileSync(path, 'latin1') }];
	});
}

/** What would give the answers away: correct options' ids and every explanation. */
function secretsOf(quiz: ReturnType<typeof shippedQuizzes>[number]): string[] {
	return quiz.questions.flatMap((q) => [
		...q.options.filter((o) => o.correct).map((o) => o.id),
		q.explanation
	]);
}

for (const quiz of shippedQuizzes()) {
	test(`no answer key of ${quiz.file} reaches the browser before submission`, async ({ page }) => {
		const secrets = secretsOf(quiz);
		expect(secrets.length).toBeGreaterThan(quiz.questions.length);

		for (const { file, text } of clientFiles()) {
			for (const secret of secrets) {
				expect(text.includes(secret), `${file} contains "${secret}"`).toBe(false);
			}
		}

		await register(page, 'Key Seeker');
		await page.goto(`/courses/${quiz.courseId}`);
		await page.getByRole('button', { name: 'Enrol in this course' }).click();
		const lessonPath = `/courses/${quiz.courseId}/${quiz.lessonId}`;
		const html = await (await page.request.get(lessonPath)).text();
		const data = await (await page.request.get(`${lessonPath}/__data.json`)).text();
		// The quiz really is on the page being searched.
		expect(html).toContain(quiz.questions[0]!.prompt.slice(0, 40));
		expect(data).toContain(quiz.questions[0]!.prompt.slice(0, 40));
		for (const secret of secrets) {
			expect(html.includes(secret), `lesson HTML contains "${secret}"`).toBe(false);
			expect(data.includes(secret), `__data.json contains "${secret}"`).toBe(false);
		}

		// After submitting, the review shows the explanations: the search above would find them.
		await page.goto(lessonPath);
		await answerQuiz(page, quiz, 'wrong');
		await expect(page).toHaveURL(/\?attempt=/);
		expect(await page.content()).toContain(quiz.questions[0]!.explanation.slice(0, 40));
	});
}
