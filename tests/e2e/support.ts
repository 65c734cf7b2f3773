import { readdirSync, readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
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

/** A course's settings as its author wrote them in the frontmatter of its course.md. */
export function shippedCourse(courseId: string): { id: string; title: string; ceHours: number } {
	for (const folder of readdirSync('lessons')) {
		const text = readFileSync(join('lessons', folder, 'course.md'), 'utf8');
		const course = parse(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') as {
			id: string;
			title: string;
			ceHours: number;
		};
		if (course.id === courseId) return course;
	}
	throw new Error(`no course ${courseId} in lessons/`);
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
	// Hydration resets inputs typed before it (value={form?.email ?? ''}); on a busy machine it
	// can come after the first keystrokes, and the emptied required fields then block the submit.
	await page.goto('/register', { waitUntil: 'networkidle' });
	await page.getByLabel('Full name').fill(name);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	// Hashing the password (argon2id) is slow by design, and slower still while the other worker
	// renders and scans PDFs on the same two cores.
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome', {
		timeout: 20_000
	});
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
	await expect(fieldsets.first()).toBeVisible();
	// A pool shows only the items drawn for this attempt: find each shown question by its prompt.
	const shown = await fieldsets.count();
	expect(shown).toBeLessThanOrEqual(questions.length);
	for (let index = 0; index < shown; index++) {
		const fieldset = fieldsets.nth(index);
		const legend = (await fieldset.locator('legend').textContent()) ?? '';
		const question = questions.find((q) => legend.includes(q.prompt));
		if (!question) throw new Error(`${quiz.file} has no question "${legend.slice(0, 80)}"`);
		await answerQuestion(fieldset, question, mode, hotspot);
	}
	await page.getByRole('button', { name: 'Submit answers' }).click();
}

/** Answers one question (its fieldset on the page) with the pointer, without submitting. */
export async function answerQuestion(
	fieldset: Locator,
	question: ShippedQuestion,
	mode: 'right' | 'wrong',
	hotspot: 'click' | 'list' = 'list'
) {
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

/**
 * Changes an account straight in the e2e server's database, for what no page does yet: roles
 * (admin pages for users come later), instructor assignments and the certificate details the
 * account page will edit.
 */
export function updateAccount(
	email: string,
	change: {
		role?: 'student' | 'instructor' | 'admin';
		teaches?: string;
		certificateName?: string;
		license?: [string, string];
	}
) {
	const db = new Database(process.env.E2E_DATABASE ?? '.e2e-data/academy.db');
	try {
		db.pragma('busy_timeout = 5000');
		const user = db.prepare('select id from user where email = ?').get(email) as
			{ id: string } | undefined;
		if (!user) throw new Error(`test setup: no account ${email}`);
		if (change.role) db.prepare('update user set role = ? where id = ?').run(change.role, user.id);
		if (change.teaches) {
			db.prepare(
				'insert or ignore into course_instructor (user_id, course_id, assigned_at) values (?, ?, ?)'
			).run(user.id, change.teaches, new Date().toISOString());
		}
		if (change.certificateName) {
			db.prepare('update user set certificate_name = ? where id = ?').run(
				change.certificateName,
				user.id
			);
		}
		if (change.license) {
			db.prepare('update user set license_number = ?, license_state = ? where id = ?').run(
				...change.license,
				user.id
			);
		}
	} finally {
		db.close();
	}
}

/**
 * Fills in and submits the course evaluation on the current (signed-in) page: the last step of
 * the completion rule. Works with and without JavaScript.
 */
export async function submitEvaluation(page: Page, courseId: string, comments = '') {
	await page.goto(`/courses/${courseId}/evaluation`);
	const ratings = page.locator('form fieldset.rating');
	for (const rating of await ratings.all()) {
		await rating.getByRole('radio', { name: '4 · agree', exact: true }).check();
	}
	if (comments) await page.getByLabel(/^Comments/).fill(comments);
	await page.getByRole('button', { name: /evaluation$/ }).click();
	await expect(page.getByText('Thank you: your evaluation is saved.')).toBeVisible();
}

/**
 * Enrols and finishes the course on the current (signed-in) page: every lesson, every quiz
 * passed, the evaluation submitted.
 */
export async function finishCourse(page: Page, quiz: ShippedQuiz) {
	await page.goto(`/courses/${quiz.courseId}`);
	await page.getByRole('button', { name: 'Enrol in this course' }).click();
	const outline = page.getByRole('navigation', { name: 'Lessons in this course' });
	const links = await outline.getByRole('listitem').getByRole('link').all();
	const hrefs = await Promise.all(links.map((link) => link.getAttribute('href')));
	for (const href of hrefs) await page.goto(href!);
	// Every quiz of the course passed: the lessons' and the final quiz.
	for (const each of shippedQuizzes().filter((q) => q.courseId === quiz.courseId)) {
		await page.goto(each.path, { waitUntil: 'networkidle' });
		await answerQuiz(page, each, 'right');
		await expect(page.getByText('You passed this quiz.')).toBeVisible();
	}
	await submitEvaluation(page, quiz.courseId);
	await page.goto('/dashboard');
	const href = await page
		.getByRole('link', { name: 'Verification page' })
		.first()
		.getAttribute('href');
	return href!.split('/').at(-1)!;
}

/** The id of the course's first lesson, read from its files the way the app orders them. */
export function firstLessonId(courseId: string): string {
	const folder = readdirSync('lessons').find(
		(f) => frontmatterId(join('lessons', f, 'course.md')) === courseId
	)!;
	const dir = join('lessons', folder);
	const module = readdirSync(dir)
		.filter((m) => statSync(join(dir, m)).isDirectory() && /^\d+-/.test(m))
		.sort((a, b) => parseInt(a) - parseInt(b))[0]!;
	const lesson = readdirSync(join(dir, module))
		.filter((f) => f.endsWith('.svx'))
		.sort((a, b) => parseInt(a) - parseInt(b))[0]!;
	return frontmatterId(join(dir, module, lesson));
}

/** Every published lesson of every course, by its URL, read from the files the app indexes. */
export function publishedLessons(): { path: string; file: string }[] {
	const id = (file: string) =>
		/^---[\s\S]*?^id:\s*(\S+)\s*$/m.exec(readFileSync(file, 'utf8'))![1]!;
	const numbered = (dir: string, keep: (name: string) => boolean) =>
		readdirSync(dir)
			.filter((name) => /^\d+-/.test(name) && keep(name))
			.sort((a, b) => parseInt(a) - parseInt(b));
	return numbered('lessons', () => true).flatMap((folder) => {
		const course = join('lessons', folder);
		const courseId = id(join(course, 'course.md'));
		return numbered(course, (m) => statSync(join(course, m)).isDirectory()).flatMap((module) =>
			numbered(join(course, module), (f) => f.endsWith('.svx'))
				.map((f) => join(course, module, f))
				.filter((file) => !/^draft:\s*true\s*$/m.test(readFileSync(file, 'utf8').split('---')[1]!))
				.map((file) => ({ path: `/courses/${courseId}/${id(file)}`, file }))
		);
	});
}
