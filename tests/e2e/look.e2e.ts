import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { BASE_URL, createStaff, query, signInStaffFirstTime, userRow } from './accounts';
import {
	expectAccessible,
	finishCourse,
	firstLessonId,
	publishedLessons,
	register,
	shippedQuizzes
} from './support';

// Every page type, scanned by axe in the light and the dark colour scheme and checked for
// horizontal scrolling at 320 and 1280 CSS pixels (WCAG 1.4.10), once for each kind of visitor who
// sees it. A new page type is one line in PAGES.

type Persona = 'anonymous' | 'newcomer' | 'student' | 'instructor' | 'admin';

interface Fixture {
	/** A course the student finished (its certificate) and one they are part-way through. */
	finishedCourse: string;
	currentCourse: string;
	certificateCode: string;
	/** The review of the student's passed attempt at a lesson quiz. */
	attemptReview: string;
	/** A lesson with a quiz the newcomer has not answered yet: the quiz form. */
	quizForm: string;
	currentFinalQuiz: string;
	/** The student, as the instructor's roster links them. */
	studentId: string;
}

interface PageType {
	name: string;
	path: (f: Fixture) => string;
	as: Persona[];
}

const finalQuizzes = shippedQuizzes().filter((q) => q.lessonId === null);
const finished = finalQuizzes[0]!;
// A course that builds on the finished one: locked for a newcomer, open to the student.
const lessonQuiz = shippedQuizzes().find(
	(q) => q.courseId === finished.courseId && q.lessonId !== null
)!;
const current = finalQuizzes.find((q) =>
	/^prerequisites:\s*\[\s*[a-z]/m.test(
		readFileSync(q.file.replace('final.quiz.yaml', 'course.md'), 'utf8')
	)
)!;

/** The first published lesson whose source matches, e.g. one with a table or a component. */
function lessonWith(pattern: RegExp): string {
	const lesson = publishedLessons().find((l) => pattern.test(readFileSync(l.file, 'utf8')));
	if (!lesson) throw new Error(`no lesson matches ${pattern}`);
	return lesson.path;
}

// One row per page type: its path (from the fixture: the student's finished and current courses,
// their certificate, …) and who sees it. The instructor teaches the current course.
const PAGES: PageType[] = [
	{ name: 'home', path: () => '/', as: ['anonymous', 'student'] },
	{ name: 'catalogue', path: () => '/courses', as: ['anonymous', 'student'] },
	{ name: 'course', path: (f) => `/courses/${f.currentCourse}`, as: ['anonymous', 'student'] },
	{ name: 'locked course', path: (f) => `/courses/${f.currentCourse}`, as: ['newcomer'] },
	{ name: 'completed course', path: (f) => `/courses/${f.finishedCourse}`, as: ['student'] },
	{
		name: 'lesson',
		path: (f) => `/courses/${f.currentCourse}/${firstLessonId(f.currentCourse)}`,
		as: ['student', 'instructor']
	},
	{ name: 'lesson with a table', path: () => lessonWith(/^\|.*\|\s*$/m), as: ['admin'] },
	{ name: 'lesson with a body map', path: () => lessonWith(/<BodyMap\b/), as: ['admin'] },
	{ name: 'lesson with a calculator', path: () => lessonWith(/<UnitCalculator\b/), as: ['admin'] },
	{ name: 'lesson quiz form', path: (f) => f.quizForm, as: ['newcomer'] },
	{ name: 'quiz attempt review', path: (f) => f.attemptReview, as: ['student'] },
	{ name: 'final quiz', path: (f) => f.currentFinalQuiz, as: ['student'] },
	{ name: 'dashboard', path: () => '/dashboard', as: ['newcomer', 'student', 'instructor'] },
	{ name: 'account', path: () => '/account', as: ['student'] },
	{ name: 'two-factor settings', path: () => '/account/two-factor', as: ['student', 'admin'] },
	{ name: 'sign in', path: () => '/login', as: ['anonymous'] },
	{ name: 'register', path: () => '/register', as: ['anonymous'] },
	{ name: 'password reset', path: () => '/reset-password', as: ['anonymous'] },
	{
		name: 'certificate verification',
		path: (f) => `/certificates/${f.certificateCode}`,
		as: ['anonymous', 'student']
	},
	{ name: 'page not found', path: () => '/no-such-page', as: ['anonymous'] },
	{
		name: 'course evaluation',
		path: (f) => `/courses/${f.currentCourse}/evaluation`,
		as: ['student']
	},
	{
		name: 'submitted evaluation',
		path: (f) => `/courses/${f.finishedCourse}/evaluation`,
		as: ['student']
	},
	{ name: 'spaced review', path: () => '/review', as: ['newcomer', 'student'] },
	{ name: 'instructor: courses', path: () => '/instructor', as: ['instructor', 'admin'] },
	{
		name: 'instructor: roster',
		path: (f) => `/instructor/courses/${f.currentCourse}`,
		as: ['instructor']
	},
	{
		name: 'instructor: a student',
		path: (f) => `/instructor/courses/${f.currentCourse}/students/${f.studentId}`,
		as: ['instructor']
	},
	{
		name: 'instructor: question statistics',
		path: (f) => `/instructor/courses/${f.currentCourse}/quizzes/${current.id}`,
		as: ['instructor']
	},
	{
		name: 'instructor: exports',
		path: (f) => `/instructor/courses/${f.currentCourse}/exports`,
		as: ['instructor']
	},
	{ name: 'admin: one account', path: (f) => `/admin/users/${f.studentId}`, as: ['admin'] },
	{ name: 'admin: enrolment', path: () => '/admin/enrolment', as: ['admin'] },
	{ name: 'admin: CE reporting', path: () => '/admin/reporting', as: ['admin'] },
	{ name: 'admin: audit log', path: () => '/admin/audit', as: ['admin'] },
	{ name: 'admin: accounts', path: () => '/admin', as: ['admin'] },
	{ name: 'admin: certificates', path: () => '/admin/certificates', as: ['admin'] },
	{
		name: 'admin: one certificate',
		path: (f) => `/admin/certificates/${f.certificateCode}`,
		as: ['admin']
	}
];

const WIDTHS = [320, 1280] as const;

/**
 * What sticks out past the right edge of the viewport: the document itself, and every visible
 * element not clipped by a scrolling box that fits (a wide table may scroll inside its own box).
 */
async function overflow(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const problems: string[] = [];
		const scrollWidth = document.documentElement.scrollWidth;
		if (scrollWidth > width) problems.push(`the page is ${scrollWidth}px wide in ${width}px`);
		const describe = (el: Element) =>
			`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
				el.classList.length ? `.${[...el.classList].join('.')}` : ''
			} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
		for (const el of document.body.querySelectorAll('*')) {
			const rect = el.getBoundingClientRect();
			if (rect.width === 0 || rect.height === 0 || rect.right <= width + 1) continue;
			if (getComputedStyle(el).visibility === 'hidden') continue;
			let clipped = false;
			for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
				if (getComputedStyle(box).overflowX !== 'visible') {
					clipped = box.getBoundingClientRect().right <= width + 1;
					break;
				}
			}
			if (!clipped) problems.push(`${describe(el)} ends at ${Math.round(rect.right)}px`);
		}
		return problems.slice(0, 10);
	});
}

async function expectNoHorizontalScrolling(page: Page, width: number) {
	await page.setViewportSize({ width, height: 800 });
	expect(await overflow(page), `at ${width}px`).toEqual([]);
}

const states = new Map<Persona, Awaited<ReturnType<BrowserContext['storageState']>>>();
let fixture: Fixture;
const contexts: BrowserContext[] = [];

async function openAs(browser: Browser, who: Persona, colorScheme: 'light' | 'dark') {
	const context = await browser.newContext({
		baseURL: BASE_URL,
		colorScheme,
		storageState: states.get(who),
		// Rate limits count per address: each visitor of this file acts from one of their own.
		extraHTTPHeaders: {
			'x-forwarded-for': `10.12.0.${['anonymous', 'newcomer', 'student', 'instructor', 'admin'].indexOf(who) + 1}`
		}
	});
	contexts.push(context);
	return context.newPage();
}

test.describe('every page type', () => {
	test.describe.configure({ mode: 'serial', timeout: 240_000 });

	test.beforeAll(async ({ browser }) => {
		test.setTimeout(300_000);
		const student = await openAs(browser, 'student', 'light');
		const email = await register(student, 'Look Student');
		const certificateCode = await finishCourse(student, finished);
		await student.goto(`/courses/${current.courseId}`);
		await student.getByRole('button', { name: 'Enrol in this course' }).click();
		await expect(student).toHaveURL(new RegExp(`/courses/${current.courseId}/`));
		states.set('student', await student.context().storageState());

		const newcomer = await openAs(browser, 'newcomer', 'light');
		await register(newcomer, 'Look Newcomer');
		// Part-way through the first course, at the quiz of one of its lessons.
		await newcomer.goto(`/courses/${finished.courseId}`);
		await newcomer.getByRole('button', { name: 'Enrol in this course' }).click();
		await expect(newcomer).toHaveURL(new RegExp(`/courses/${finished.courseId}/`));
		states.set('newcomer', await newcomer.context().storageState());

		for (const role of ['instructor', 'admin'] as const) {
			const page = await openAs(browser, role, 'light');
			await signInStaffFirstTime(
				page,
				createStaff(role, `look-${role}`, role === 'instructor' ? [current.courseId] : [])
			);
			states.set(role, await page.context().storageState());
		}

		const [attempt] = query<{ id: string }>(
			'select id from quiz_attempt where user_id = ? and quiz_id = ? and passed = 1',
			userRow(email)!.id,
			lessonQuiz.id
		);
		fixture = {
			finishedCourse: finished.courseId,
			currentCourse: current.courseId,
			certificateCode,
			attemptReview: `${lessonQuiz.path}?attempt=${attempt!.id}`,
			quizForm: lessonQuiz.path,
			currentFinalQuiz: current.path,
			studentId: userRow(email)!.id as string
		};
		await Promise.all(contexts.splice(0).map((c) => c.close()));
	});

	test.afterEach(async () => {
		await Promise.all(contexts.splice(0).map((c) => c.close()));
	});

	for (const type of PAGES) {
		for (const who of type.as) {
			test(`${type.name}, as ${who === 'anonymous' ? 'a visitor' : `the ${who}`}`, async ({
				browser
			}) => {
				const path = type.path(fixture);
				for (const scheme of ['light', 'dark'] as const) {
					const page = await openAs(browser, who, scheme);
					const response = await page.goto(path, { waitUntil: 'networkidle' });
					expect(response!.status(), path).toBe(type.name === 'page not found' ? 404 : 200);
					// Signed-in visitors stay signed in: the page is theirs, not a sign-in form.
					expect(new URL(page.url()).pathname).toBe(new URL(path, BASE_URL).pathname);
					await expectAccessible(page);
					if (scheme === 'light') {
						for (const width of WIDTHS) await expectNoHorizontalScrolling(page, width);
					}
				}
			});
		}
	}

	test('every lesson reflows at 320 px without horizontal scrolling', async ({ browser }) => {
		const page = await openAs(browser, 'admin', 'light');
		await page.setViewportSize({ width: 320, height: 800 });
		const problems: string[] = [];
		for (const lesson of publishedLessons()) {
			await page.goto(lesson.path);
			for (const problem of await overflow(page)) problems.push(`${lesson.path}: ${problem}`);
		}
		expect(problems).toEqual([]);
	});

	test('a printed lesson is its text, black on white, without navigation or forms', async ({
		browser
	}) => {
		for (const scheme of ['light', 'dark'] as const) {
			const page = await openAs(browser, 'newcomer', scheme);
			await page.goto(fixture.quizForm);
			await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
			await page.emulateMedia({ media: 'print' });
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			for (const hidden of [
				page.getByRole('navigation', { name: 'Main' }),
				page.getByRole('navigation', { name: 'Lessons in this course' }),
				page.getByRole('navigation', { name: 'Previous and next' }),
				page.getByRole('button', { name: 'Submit answers' }),
				page.getByRole('contentinfo')
			]) {
				await expect(hidden).toBeHidden();
			}
			const colours = await page.locator('main').evaluate((main) => ({
				text: getComputedStyle(main).color,
				page: getComputedStyle(document.documentElement).backgroundColor
			}));
			expect(colours).toEqual({ text: 'rgb(0, 0, 0)', page: 'rgb(255, 255, 255)' });
		}
	});

	test('the keyboard focus is always visible', async ({ browser }) => {
		const page = await openAs(browser, 'anonymous', 'light');
		await page.goto('/');
		const outlines: string[] = [];
		for (let i = 0; i < 6; i++) {
			await page.keyboard.press('Tab');
			outlines.push(
				await page.evaluate(() => {
					const style = getComputedStyle(document.activeElement!);
					return `${style.outlineStyle} ${parseFloat(style.outlineWidth) >= 2}`;
				})
			);
		}
		expect(outlines).toEqual(Array(6).fill('solid true'));
	});
});
