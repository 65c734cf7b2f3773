import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { parse } from 'yaml';

export interface ShippedQuiz {
	file: string;
	courseId: string;
	lessonId: string;
	id: string;
	questions: {
		id: string;
		type: 'single' | 'multiple';
		prompt: string;
		explanation: string;
		options: { id: string; text: string; correct?: boolean }[];
	}[];
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
		return readdirSync(dir)
			.filter((f) => f.endsWith('.quiz.yaml'))
			.map((f) => {
				const file = join(dir, f);
				const quiz = parse(readFileSync(file, 'utf8')) as Omit<ShippedQuiz, 'file' | 'courseId'>;
				const lessonId = frontmatterId(join(dir, f.replace(/\.quiz\.yaml$/, '.svx')));
				return { ...quiz, file, courseId, lessonId };
			});
	});
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

/**
 * Answers the quiz on the current page. Questions appear in the quiz's order; options are
 * matched by their visible text, since the page carries no option ids.
 */
export async function answerQuiz(page: Page, quiz: ShippedQuiz, mode: 'right' | 'wrong') {
	const fieldsets = page.locator('form fieldset');
	await expect(fieldsets).toHaveCount(quiz.questions.length);
	for (const [index, question] of quiz.questions.entries()) {
		const fieldset = fieldsets.nth(index);
		await expect(fieldset.locator('legend')).toContainText(question.prompt);
		const choices =
			mode === 'right'
				? question.options.filter((o) => o.correct)
				: [question.options.find((o) => !o.correct)!];
		for (const option of choices) {
			await fieldset.getByLabel(option.text, { exact: true }).check();
		}
	}
	await page.getByRole('button', { name: 'Submit answers' }).click();
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

/** Enrols and finishes the course on the current (signed-in) page: every lesson, quiz passed. */
export async function finishCourse(page: Page, quiz: ShippedQuiz) {
	await page.goto(`/courses/${quiz.courseId}`);
	await page.getByRole('button', { name: 'Enrol in this course' }).click();
	const outline = page.getByRole('navigation', { name: 'Lessons in this course' });
	const links = await outline.getByRole('listitem').getByRole('link').all();
	const hrefs = await Promise.all(links.map((link) => link.getAttribute('href')));
	for (const href of hrefs) await page.goto(href!);
	await page.goto(`/courses/${quiz.courseId}/${quiz.lessonId}`, { waitUntil: 'networkidle' });
	await answerQuiz(page, quiz, 'right');
	await expect(page.getByText('You passed this quiz.')).toBeVisible();
	await page.goto('/dashboard');
	const href = await page
		.getByRole('link', { name: 'Verification page' })
		.first()
		.getAttribute('href');
	return href!.split('/').at(-1)!;
}
