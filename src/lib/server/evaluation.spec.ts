import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shippedCourse } from './certificates/test-fixtures';
import type { Database } from './db';
import { openTestDb } from './db/test-db';
import { createUser } from './db/users';
import { evaluationRows, evaluationSchema, findEvaluation, submitEvaluation } from './evaluation';
import { parseForm } from './forms';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

async function student(email: string, name = 'Ana Lima') {
	const user = await createUser(db, { email, name, passwordHash: 'not-checked' });
	if (!user) throw new Error('test setup: user not created');
	return user.id;
}

function form(fields: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of [value].flat()) data.append(name, v);
	}
	return data;
}

const RATED = { objectives: '5', instructor: '4', materials: '3', relevance: '5' };

describe('the evaluation form', () => {
	it('takes four ratings from 1 to 5 and comments kept as typed, line breaks included', () => {
		const hostile = '<script>alert("x")</script> & “quotes”\nsecond line';
		const parsed = parseForm(form({ ...RATED, comments: `  ${hostile}  ` }), evaluationSchema);
		expect(parsed).toEqual({
			ok: true,
			data: { objectives: 5, instructor: 4, materials: 3, relevance: 5, comments: hostile }
		});
	});

	it.each([
		['a rating left out', { ...RATED, relevance: undefined }, 'relevance'],
		['a rating of 0', { ...RATED, objectives: '0' }, 'objectives'],
		['a rating of 6', { ...RATED, instructor: '6' }, 'instructor'],
		['a rating that is not a number', { ...RATED, materials: 'five' }, 'materials'],
		['a rating sent twice', { ...RATED, materials: ['4', '5'] }, 'materials'],
		['comments too long', { ...RATED, comments: 'x'.repeat(2001) }, 'comments'],
		['a control character', { ...RATED, comments: 'bell\u0007' }, 'comments']
	])('refuses %s, naming the field', (_, fields, field) => {
		const defined = Object.fromEntries(
			Object.entries(fields).filter((e): e is [string, string | string[]] => e[1] !== undefined)
		);
		const parsed = parseForm(form(defined), evaluationSchema);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(Object.keys(parsed.errors)).toEqual([field]);
	});
});

describe('evaluations', () => {
	const course = shippedCourse();
	const input = { objectives: 5, instructor: 4, materials: 3, relevance: 5, comments: 'Clear.' };

	it('are stored once per student and course; a change replaces the first', async () => {
		const ana = await student('ana@example.com');
		await submitEvaluation(db, ana, course, input, new Date('2026-11-20T10:00:00.000Z'));
		await submitEvaluation(
			db,
			ana,
			course,
			{ ...input, materials: 5 },
			new Date('2026-11-21T10:00:00.000Z')
		);

		const rows = await db.selectFrom('course_evaluation').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(await findEvaluation(db, ana, course.id)).toMatchObject({
			materials: 5,
			submitted_at: '2026-11-20T10:00:00.000Z',
			updated_at: '2026-11-21T10:00:00.000Z'
		});
	});

	it('export as rows for a course and a period, first submitted from `from` up to `to`', async () => {
		const ana = await student('ana@example.com', 'Ana <b>Lima</b>');
		const bea = await student('bea@example.com', 'Bea Souza');
		const cid = await student('cid@example.com', 'Cid Other');
		await submitEvaluation(db, ana, course, input, new Date('2026-10-31T23:59:59.000Z'));
		await submitEvaluation(db, bea, course, input, new Date('2026-11-15T12:00:00.000Z'));
		await submitEvaluation(
			db,
			cid,
			{ ...course, id: 'another-course' },
			input,
			new Date('2026-11-15T12:00:00.000Z')
		);

		const november = await evaluationRows(db, {
			courseId: course.id,
			from: '2026-11-01T00:00:00.000Z',
			to: '2026-12-01T00:00:00.000Z'
		});
		expect(november).toEqual([
			{
				courseId: course.id,
				studentName: 'Bea Souza',
				studentEmail: 'bea@example.com',
				objectives: 5,
				instructor: 4,
				materials: 3,
				relevance: 5,
				comments: 'Clear.',
				submittedAt: '2026-11-15T12:00:00.000Z',
				updatedAt: '2026-11-15T12:00:00.000Z'
			}
		]);
		const all = await evaluationRows(db, { courseId: course.id });
		expect(all.map((r) => r.studentName)).toEqual(['Ana <b>Lima</b>', 'Bea Souza']);
	});
});
