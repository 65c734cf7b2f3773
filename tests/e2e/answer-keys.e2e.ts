import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { ownAddress } from './accounts';
import {
	answerQuiz,
	enrol,
	finishCourse,
	questionsOf,
	register,
	shippedQuizzes,
	type ShippedQuestion,
	type ShippedQuiz
} from './support';

// Each test registers a student, from an address of its own (per-address registration limit).
test.beforeEach(async ({ context }, testInfo) => {
	await ownAddress(context, testInfo, 8);
});

/** Every file under a folder, as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory()
			? filesUnder(path)
			: [{ file: path, text: readFileSync(path, 'latin1') }];
	});
}

/**
 * Every file the browser could ever download: the client build. Its .br and .gz copies are
 * compressed forms of files searched here already; as binary they match short secrets by chance.
 */
const clientFiles = () => filesUnder('build/client').filter(({ file }) => !/\.(br|gz)$/.test(file));

/**
 * What students may see anyway: every lesson, overview and figure, and every text a quiz shows before
 * submission. An accepted short answer that is also taught in a lesson (a CPT code) is searched
 * for only where it could not be public.
 */
const publicText = [
	...filesUnder('lessons')
		.filter(({ file }) => /\.(svx|md|svg)$/.test(file))
		.map(({ text }) => text),
	...shippedQuizzes().flatMap((quiz) =>
		quiz.questions.flatMap((item) => [
			...(item.type === 'case' ? [item.title ?? '', item.vignette] : []),
			...(item.type === 'case' ? item.questions : [item]).flatMap(shownTexts)
		])
	)
].join('\n');

function shownTexts(q: ShippedQuestion): string[] {
	switch (q.type) {
		case 'single':
		case 'multiple':
			return [q.prompt, ...q.options.map((o) => o.text)];
		case 'matching':
			return [q.prompt, ...q.pairs.flatMap((p) => [p.left, p.right]), ...(q.distractors ?? [])];
		case 'ordering':
			return [q.prompt, ...q.items.map((i) => i.text)];
		case 'hotspot':
			return [q.prompt, ...q.regions.map((r) => r.label)];
		default:
			return [q.prompt];
	}
}

/**
 * What would give the answers away, of every type: the ids of options, pairs (which tie a left
 * side to its match), ordering items, hotspot regions, questions and cases; every explanation
 * and feedback; accepted short answers and patterns. Booleans and numbers are too common to
 * search for: the key names that would carry them are searched for instead (`keyFields`).
 */
function secretsOf(quiz: ShippedQuiz): string[] {
	const secrets = quiz.questions.flatMap((item) => [
		item.id,
		...(item.type === 'case' ? item.questions : [item]).flatMap((q): string[] => {
			const common = [q.id, q.explanation];
			switch (q.type) {
				case 'single':
				case 'multiple':
					return [...common, ...q.options.flatMap((o) => [o.id, o.feedback ?? ''])];
				case 'matching':
					return [...common, ...q.pairs.flatMap((p) => [p.id, p.feedback ?? ''])];
				case 'ordering':
					return [...common, ...q.items.map((i) => i.id)];
				case 'hotspot':
					return [...common, ...q.regions.flatMap((r) => [r.id, r.feedback ?? ''])];
				case 'short-text':
					return [...common, ...(q.accept ?? []), q.pattern ?? ''].filter(
						(s) => !publicText.includes(s)
					);
				default:
					return common;
			}
		})
	]);
	return [...new Set(secrets.filter((s) => s.length > 0))];
}

/** Fields of a quiz definition that only the server may hold before submission. */
const keyFields =
	/[{,]\s*"?(correct|answer|accept|pattern|tolerance|explanation|feedback|polygon|pairs)"?\s*:/;

/** The data SvelteKit embeds in the HTML to hydrate the page (not the rendered prose). */
function embeddedData(html: string): string {
	return [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
		.map((m) => m[1]!)
		.filter((script) => script.includes('__sveltekit'))
		.join('\n');
}

/** The course ids a course requires first, from its course.md frontmatter. */
function prerequisitesOf(courseId: string): string[] {
	for (const folder of readdirSync('lessons')) {
		const source = readFileSync(join('lessons', folder, 'course.md'), 'utf8');
		const meta = parse(source.split('---')[1]!) as { id: string; prerequisites?: string[] };
		if (meta.id === courseId) return meta.prerequisites ?? [];
	}
	return [];
}

for (const quiz of shippedQuizzes()) {
	test(`no answer key of ${quiz.file} reaches the browser before submission`, async ({ page }) => {
		const secrets = secretsOf(quiz);
		expect(secrets.length).toBeGreaterThan(questionsOf(quiz).length * 2);

		// One pass over every client file (thousands of checks: collect, then assert once).
		const leaks = clientFiles().flatMap(({ file, text }) =>
			secrets.filter((secret) => text.includes(secret)).map((secret) => `${file}: "${secret}"`)
		);
		expect(leaks).toEqual([]);

		await register(page, 'Key Seeker');
		// A course that requires another is opened to this student by completing that one first.
		test.setTimeout(240_000);
		for (const required of prerequisitesOf(quiz.courseId)) {
			await finishCourse(
				page,
				shippedQuizzes().find((q) => q.courseId === required)!
			);
		}
		await enrol(page, quiz.courseId);
		const html = await (await page.request.get(quiz.path)).text();
		const data = await (await page.request.get(`${quiz.path}/__data.json`)).text();
		// The quiz really is in what is searched (a run of plain words, which no escaping alters).
		// A pool shows only the questions drawn for this attempt.
		const probeOf = (prompt: string) => /[A-Za-z][A-Za-z ,.-]{19}/.exec(prompt)?.[0] ?? prompt;
		const shown = questionsOf(quiz).filter((q) => html.includes(probeOf(q.prompt)));
		expect(shown.length).toBeGreaterThan(0);
		expect(data).toContain(probeOf(shown[0]!.prompt));
		for (const secret of secrets) {
			expect(html.includes(secret), `lesson HTML contains "${secret}"`).toBe(false);
			expect(data.includes(secret), `__data.json contains "${secret}"`).toBe(false);
		}
		expect(data).not.toMatch(keyFields);
		expect(embeddedData(html)).not.toMatch(keyFields);

		// The page ties nothing together: every matching row offers the same choices, in the same
		// order, and no ordering is shown in its correct order.
		await page.goto(quiz.path);
		const fieldsets = page.locator('form fieldset.question');
		for (let index = 0; index < (await fieldsets.count()); index++) {
			const fieldset = fieldsets.nth(index);
			const legend = (await fieldset.locator('legend').textContent()) ?? '';
			const question = questionsOf(quiz).find((q) => legend.includes(q.prompt));
			if (!question) throw new Error(`${quiz.file} has no question "${legend.slice(0, 80)}"`);
			if (question.type === 'matching') {
				const menus = await fieldset
					.getByRole('combobox')
					.evaluateAll((selects) =>
						selects.map((s) => [...(s as HTMLSelectElement).options].map((o) => o.text).join('|'))
					);
				expect(new Set(menus).size).toBe(1);
			}
			if (question.type === 'ordering') {
				const shown = await fieldset.locator('.row label').allTextContents();
				expect(shown.map((t) => t.trim())).not.toEqual(question.items.map((i) => i.text));
			}
		}

		// After submitting, the review shows the explanations: the search above would find them.
		await answerQuiz(page, quiz, 'wrong');
		await expect(page).toHaveURL(/\?attempt=/);
		const review = await page.content();
		expect(shown.some((q) => review.includes(q.explanation.slice(0, 40)))).toBe(true);
	});
}
