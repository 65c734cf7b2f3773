import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkContent } from './check';
import { formatProblem } from './problems';
import { freshId, nextNumber, scaffoldLesson, ScaffoldError, slugify } from './scaffold';
import { course, lesson, markdown } from './test-content';

describe('slugify', () => {
	it('makes a lower-case, dash-separated id that starts with a letter', () => {
		expect(slugify('Trigger Points & Referral Zones')).toBe('trigger-points-referral-zones');
		expect(slugify('  Crème Brûlée: Ödem? ')).toBe('creme-brulee-odem');
		expect(slugify('15-Minute Units')).toBe('lesson-15-minute-units');
		expect(slugify('!!!')).toBe('lesson-new');
	});
});

describe('nextNumber and freshId', () => {
	it('number after the highest, and add a suffix to a taken id', () => {
		expect(nextNumber(['01-a.svx', '09-b.svx', '3-c.svx'])).toBe('10');
		expect(nextNumber([])).toBe('01');
		expect(freshId('units', new Set(['units', 'units-2']))).toBe('units-3');
		expect(freshId('units', new Set())).toBe('units');
	});
});

describe('scaffoldLesson', () => {
	// Inside the project, so the lessons' $lib imports resolve as they do for real lessons.
	let root: string;
	let folder: string;
	beforeEach(() => {
		root = mkdtempSync(join(process.cwd(), '.tmp-scaffold-'));
		folder = relative(process.cwd(), root);
		mkdirSync(join(root, '01-c/01-m'), { recursive: true });
		writeFileSync(join(root, '01-c/course.md'), markdown({ ...course, ceHours: 0.0001 }));
		writeFileSync(join(root, '01-c/01-m/module.md'), markdown({ id: 'module-m', title: 'M' }));
		writeFileSync(join(root, '01-c/01-m/01-a.svx'), lesson('units'));
	});
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it('adds a numbered draft lesson and quiz with fresh ids that pass lessons:check', async () => {
		const first = scaffoldLesson({ moduleDir: `${folder}/01-c/01-m`, title: 'Units', quiz: true });
		const second = scaffoldLesson({
			moduleDir: `${folder}/01-c/01-m`,
			title: 'Units',
			quiz: false
		});

		expect(first).toEqual({
			created: [`${folder}/01-c/01-m/02-units.svx`, `${folder}/01-c/01-m/02-units.quiz.yaml`],
			lessonId: 'units-2',
			courseId: 'course-c'
		});
		expect(second).toMatchObject({
			created: [`${folder}/01-c/01-m/03-units.svx`],
			lessonId: 'units-3'
		});
		expect(readFileSync(join(root, '01-c/01-m/02-units.svx'), 'utf8')).toContain('draft: true');
		const { problems } = await checkContent(folder);
		expect(problems.map(formatProblem)).toEqual([]);
	});

	it('creates a new module folder with its module.md', async () => {
		const made = scaffoldLesson({
			moduleDir: `${folder}/01-c/02-safety-first`,
			title: 'Screening',
			quiz: true
		});

		expect(made.created[0]).toBe(`${folder}/01-c/02-safety-first/module.md`);
		expect(readFileSync(join(root, '01-c/02-safety-first/module.md'), 'utf8')).toBe(
			'---\nid: safety-first\ntitle: Safety first\n---\n'
		);
		expect(made.created).toContain(`${folder}/01-c/02-safety-first/01-screening.svx`);
		expect((await checkContent(folder)).problems.map(formatProblem)).toEqual([]);
	});

	it('starts the first lesson of a new course, whose id it reads from course.md', () => {
		mkdirSync(join(root, '02-d'));
		writeFileSync(join(root, '02-d/course.md'), markdown({ ...course, id: 'course-d' }));

		const made = scaffoldLesson({
			moduleDir: `${folder}/02-d/01-start`,
			title: 'Start',
			quiz: false
		});

		expect(made).toMatchObject({ lessonId: 'start', courseId: 'course-d' });
	});

	it('refuses a folder that is not in a course, and an empty title', () => {
		expect(() => scaffoldLesson({ moduleDir: `${folder}/01-c`, title: 'X', quiz: true })).toThrow(
			ScaffoldError
		);
		expect(() =>
			scaffoldLesson({ moduleDir: `${folder}/01-c/01-m`, title: ' ', quiz: true })
		).toThrow('Give the lesson a title');
	});
});
