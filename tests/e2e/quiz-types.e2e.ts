import { expect, test, type Page } from '@playwright/test';
import {
	answerQuiz,
	answerQuizByKeyboard,
	enrol,
	expectAccessible,
	questionsOf,
	register,
	shippedQuizzes
} from './support';

// The practice case of the Foundations course: a quiz with one question of every type.
const quiz = shippedQuizzes().find((q) =>
	questionsOf(q).some((question) => question.type === 'hotspot')
)!;
const TYPES = [
	'single',
	'multiple',
	'true-false',
	'matching',
	'ordering',
	'numeric',
	'short-text',
	'hotspot'
];

test('the practice quiz has a question of every type and a case group', () => {
	expect(new Set(questionsOf(quiz).map((q) => q.type))).toEqual(new Set(TYPES));
	expect(quiz.questions.some((item) => item.type === 'case')).toBe(true);
});

async function openQuiz(page: Page, name: string) {
	await register(page, name);
	await enrol(page, quiz.courseId);
	await page.goto(quiz.path);
}

/** The review after submitting: the score, and each question marked with its explanation. */
async function expectReview(page: Page, score: 0 | 100) {
	await expect(page).toHaveURL(/\?attempt=/);
	const count = questionsOf(quiz).length;
	await expect(
		page.getByRole('heading', {
			name: `Your score: ${score}% (${score ? count : 0} of ${count} correct)`
		})
	).toBeVisible();
	const review = page.locator('#result');
	await expect(review.getByText(score ? 'Correct' : 'Incorrect', { exact: true })).toHaveCount(
		count
	);
	for (const question of questionsOf(quiz)) {
		await expect(review.getByText(question.explanation)).toBeVisible();
	}
}

test('a student answers every type with the pointer, clicking the hotspot image', async ({
	page
}) => {
	await openQuiz(page, 'Pat Pointer');
	await expectAccessible(page);

	await answerQuiz(page, quiz, 'right', 'click');

	await expectReview(page, 100);
	await expectAccessible(page);
});

test('a student answers every type by keyboard alone', async ({ page }) => {
	await openQuiz(page, 'Kim Keyboard');

	await answerQuizByKeyboard(page, quiz, 'right');

	await expectReview(page, 100);
});

test('wrong answers of every type are graded wrong, with feedback on the choices made', async ({
	page
}) => {
	await openQuiz(page, 'Wren Wrong');

	await answerQuiz(page, quiz, 'wrong', 'click');

	await expectReview(page, 0);
	const hotspot = questionsOf(quiz).find((q) => q.type === 'hotspot')!;
	const wrongRegion = hotspot.type === 'hotspot' ? hotspot.regions.find((r) => !r.correct)! : null;
	if (wrongRegion?.feedback) await expect(page.getByText(wrongRegion.feedback)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Try again' })).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('every type is answered as a plain form, the hotspot from its list', async ({ page }) => {
		await openQuiz(page, 'Noa Nojs');

		await answerQuiz(page, quiz, 'right', 'list');

		await expectReview(page, 100);
	});

	test('an unfinished matching is refused with a 400 and a message, keeping every answer', async ({
		page
	}) => {
		await openQuiz(page, 'Una Unfinished');
		const questions = questionsOf(quiz);
		const matchingIndex = questions.findIndex((q) => q.type === 'matching');
		const numericIndex = questions.findIndex((q) => q.type === 'numeric');
		const fieldsets = page.locator('form fieldset.question');
		await fieldsets.nth(numericIndex).getByRole('textbox').fill('4');
		await fieldsets.nth(matchingIndex).getByRole('combobox').first().selectOption({ index: 1 });

		const response = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.getByRole('button', { name: 'Submit answers' }).click();

		expect((await response).status()).toBe(400);
		await expect(page.getByRole('alert')).toContainText('Answer every question before submitting');
		await expect(page.getByRole('alert')).toContainText(`${matchingIndex + 1}`);
		await expect(fieldsets.nth(numericIndex).getByRole('textbox')).toHaveValue('4');
		await expect(fieldsets.nth(matchingIndex).getByRole('combobox').first()).not.toHaveValue('');
	});
});
