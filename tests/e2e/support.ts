import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';

type Point = [number, number];
interface Option {
	id: string;
	text: string;
	correct?: boolean;
	feedback?: string;
}
export type ShippedQuestion = { id: string; prompt: string; explanation: string } & (
	| { type: 'single' | 'multiple'; options: Option[] }
	| { type: 'true-false'; answer: boolean }
	| {
			type: 'matching';
			pairs: { id: string; left: string; right: string; feedback?: string }[];
			distractors?: string[];
	  }
	| { type: 'ordering'; items: { id: string; text: string }[] }
	| { type: 'numeric'; answer: number; tolerance?: number; unit?: string }
	| { type: 'short-text'; accept?: string[]; pattern?: string }
	| {
			type: 'hotspot';
			width: number;
			height: number;
			regions: {
				id: string;
				label: string;
				polygon: Point[];
				correct?: boolean;
				feedback?: string;
			}[];
	  }
);
type ShippedItem =
	| ShippedQuestion
	| { type: 'case'; id: string; title?: string; vignette: string; questions: ShippedQuestion[] };

export interface ShippedQuiz {
	file: string;
	courseId: string;
	/** The lesson whose quiz it is, or null for the course's final quiz. */
	lessonId: string | null;
	/** The page the quiz is on. */
	path: string;
	id: string;
	title: string;
	questions: ShippedItem[];
}

function frontmatterId(file: string): string {
	const id = /^---[\s\S]*?^id:\s*(\S+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
	if (!id) throw new Error(`${file} has no id`);
	return id;
}

/** The answer keys, read straight from the quiz files the way an author wrote them. */
export function shippedQuizzes(): ShippedQuiz[] {
	return readdirSync('lessons').flatMap((folder) => {
		const dir = join('lessons', folder);
		const courseId = frontmatterId(join(dir, 'course.md'));
		const read = (file: string, lessonId: string | null): ShippedQuiz => ({
			...(parse(readFileSync(file, 'utf8')) as Pick<ShippedQuiz, 'id' | 'title' | 'questions'>),
			file,
			courseId,
			lessonId,
			path: `/courses/${courseId}/${lessonId ?? 'final-quiz'}`
		});
		const modules = readdirSync(dir).filter((m) => statSync(join(dir, m)).isDirectory());
		return [
			...modules.flatMap((module) =>
				readdirSync(join(dir, module))
					.filter((f) => f.endsWith('.quiz.yaml'))
					.map((f) => {
						const file = join(dir, module, f);
						return read(file, frontmatterId(file.replace(/\.quiz\.yaml$/, '.svx')));
					})
			),
			...readdirSync(dir)
				.filter((f) => f === 'final.quiz.yaml')
				.map((f) => read(join(dir, f), null))
		];
	});
}

/** Every question of a quiz in the order shown (shipped quizzes draw no pools). */
export function questionsOf(quiz: ShippedQuiz): ShippedQuestion[] {
	return quiz.questions.flatMap((item) => (item.type === 'case' ? item.questions : [item]));
}

export function uniqueEmail(label: string): string {
	return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export const PASSWORD = 'correct horse battery staple';

export async function register(page: Page, name: string, email = uniqueEmail('student')) {
	await page.goto('/register');
	await page.getByLabel('Full name').fill(name);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
	return email;
}

export async function enrol(page: Page, courseId: string) {
	await page.goto(`/courses/${courseId}`);
	await page.getByRole('button', { name: 'Enrol in this course' }).click();
	await expect(page).toHaveURL(new RegExp(`/courses/${courseId}/[a-z-]+$`));
}

/** The answer a student gives, in what the page shows: texts and labels, never ids. */
type Answer =
	| { kind: 'choose'; labels: string[]; polygon?: Point[] }
	| { kind: 'select'; selects: { label: string; option: string }[] }
	| { kind: 'type'; text: string };

function answerFor(question: ShippedQuestion, mode: 'right' | 'wrong'): Answer {
	const right = mode === 'right';
	switch (question.type) {
		case 'single':
		case 'multiple': {
			const wanted = question.options.filter((o) => !!o.correct === right).map((o) => o.text);
			return { kind: 'choose', labels: right ? wanted : wanted.slice(0, 1) };
		}
		case 'true-false':
			return { kind: 'choose', labels: [right === question.answer ? 'True' : 'False'] };
		case 'matching':
			// Wrong: every item takes the next item's match.
			return {
				kind: 'select',
				selects: question.pairs.map((pair, i) => ({
					label: pair.left,
					option: right ? pair.right : question.pairs[(i + 1) % question.pairs.length]!.right
				}))
			};
		case 'ordering':
			return {
				kind: 'select',
				selects: question.items.map((item, i) => ({
					label: item.text,
					option: String(right ? i + 1 : question.items.length - i)
				}))
			};
		case 'numeric':
			return {
				kind: 'type',
				text: String(right ? question.answer : question.answer + (question.tolerance ?? 0) + 1)
			};
		case 'short-text':
			return { kind: 'type', text: right ? (question.accept?.[0] ?? '') : 'not the answer' };
		case 'hotspot': {
			const region = question.regions.find((r) => !!r.correct === right)!;
			return { kind: 'choose', labels: [region.label], polygon: region.polygon };
		}
	}
}

/**
 * Answers the quiz on the current page with the pointer, and submits. Questions appear in the
 * quiz's order; choices are found by their visible text, since the page carries no ids. A
 * hotspot is answered by clicking inside its region on the image (JavaScript) or from the list.
 */
export async function answerQuiz(
	page: Page,
	quiz: ShippedQuiz,
	mode: 'right' | 'wrong',
	hotspot: 'click' | 'list' = 'list'
) {
	const questions = questionsOf(quiz);
	const fieldsets = page.locator('form fieldset.question');
	await expect(fieldsets).toHaveCount(questions.length);
	for (const [index, question] of questions.entries()) {
		const fieldset = fieldsets.nth(index);
		await expect(fieldset.locator('legend')).toContainText(question.prompt);
		const answer = answerFor(question, mode);
		if (answer.kind === 'choose' && answer.polygon && hotspot === 'click') {
			await clickInside(fieldset.getByRole('img'), question, answer.polygon);
		} else if (answer.kind === 'choose') {
			for (const label of answer.labels) await fieldset.getByLabel(label, { exact: true }).check();
		} else if (answer.kind === 'select') {
			for (const { label, option } of answer.selects) {
				await fieldset.getByLabel(label, { exact: true }).selectOption({ label: option });
			}
		} else {
			await fieldset.getByRole('textbox', { name: /^Your answer/ }).fill(answer.text);
		}
	}
	await page.getByRole('button', { name: 'Submit answers' }).click();
}

/** Clicks the image at the middle of a polygon, scaled from image to screen coordinates. */
async function clickInside(image: Locator, question: ShippedQuestion, polygon: Point[]) {
	if (question.type !== 'hotspot') throw new Error('not a hotspot question');
	const box = await image.boundingBox();
	if (!box) throw new Error('the hotspot image is not visible');
	const [x, y] = polygon.reduce(
		([sx, sy], [px, py]) => [sx + px / polygon.length, sy + py / polygon.length],
		[0, 0]
	);
	await image.click({
		position: { x: (x / question.width) * box.width, y: (y / question.height) * box.height }
	});
}

/** What has the focus: its form field name, type and label. */
async function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLInputElement | null;
		return {
			name: el?.getAttribute('name') ?? '',
			type: el?.getAttribute('type') ?? el?.tagName.toLowerCase() ?? '',
			label: (el?.labels?.[0]?.textContent ?? el?.textContent ?? '').trim(),
			value: el && 'value' in el ? String(el.value) : ''
		};
	});
}

/** Presses Tab until the focus is on what `wanted` accepts. */
async function tabUntil(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
	for (let presses = 0; presses < 400; presses++) {
		await page.keyboard.press('Tab');
		if (wanted(await focused(page))) return;
	}
	throw new Error('Tab never reached the control');
}

/**
 * Answers the quiz with the keyboard alone: Tab to each control, arrow keys in radio groups and
 * select menus, Space for checkboxes, typing for text, Enter to submit. No pointer at all.
 */
export async function answerQuizByKeyboard(page: Page, quiz: ShippedQuiz, mode: 'right' | 'wrong') {
	for (const [index, question] of questionsOf(quiz).entries()) {
		const name = `q${index + 1}`;
		const answer = answerFor(question, mode);
		if (answer.kind === 'select') {
			// Rows are shown shuffled: take them in the order shown, each by its label.
			for (let row = 1; row <= answer.selects.length; row++) {
				await tabUntil(page, (f) => f.name === `${name}-${row}`);
				const { label } = await focused(page);
				await choose(page, answer.selects.find((s) => s.label === label)!.option);
			}
		} else if (answer.kind === 'type') {
			await tabUntil(page, (f) => f.name === name);
			await page.keyboard.type(answer.text);
		} else if (question.type === 'multiple') {
			await tabUntil(page, (f) => f.name === name);
			for (let box = 0; box < question.options.length; box++) {
				if (answer.labels.includes((await focused(page)).label)) await page.keyboard.press('Space');
				await page.keyboard.press('Tab');
			}
		} else {
			// A radio group is one Tab stop; arrow keys move through it and select.
			await tabUntil(page, (f) => f.name === name && f.type === 'radio');
			for (let step = 0; (await focused(page)).label !== answer.labels[0]; step++) {
				if (step > 20) throw new Error(`no choice "${answer.labels[0]}"`);
				await page.keyboard.press('ArrowDown');
			}
			await page.keyboard.press('Space');
		}
	}
	await tabUntil(page, (f) => f.label === 'Submit answers');
	await page.keyboard.press('Enter');
}

/** Moves through a focused select menu with the arrow key until it shows `option`. */
async function choose(page: Page, option: string) {
	for (let step = 0; step < 30; step++) {
		const shown = await page.evaluate(() => {
			const select = document.activeElement as HTMLSelectElement;
			return select.selectedOptions[0]?.textContent?.trim() ?? '';
		});
		if (shown === option) return;
		await page.keyboard.press('ArrowDown');
	}
	throw new Error(`no option "${option}"`);
}

/** No axe violations of WCAG 2.x A/AA on the page as it is now. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}
