import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { isEnrolled } from '../progress';
import { createCodes, listCodes, normalizeCode, revokeCode } from './codes';
import { assignStudent, enrollStudent } from './enroll';
import { policyFor, savePolicy } from './policy';

let db: Database;
let cleanup: () => Promise<void>;
const admin = { userId: 'admin-id', ip: '10.0.0.1' };
const course = { id: 'course-a' };
const other = { id: 'course-b' };
// Noon in New York on 15 December 2026.
const NOW = new Date('2026-12-15T17:00:00Z');

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

let students = 0;
async function student() {
	students++;
	const user = await createUser(db, {
		email: `student${students}@example.com`,
		name: `Student ${students}`,
		passwordHash: 'x'
	});
	return user!.id;
}

const attempt = (userId: string, code = '', target = course, now = NOW) =>
	enrollStudent(db, userId, target, { code, ip: `10.1.0.${students}` }, now);

async function byCode(overrides: Partial<Parameters<typeof createCodes>[1]> = {}) {
	await savePolicy(db, { courseId: course.id, mode: 'code', opensOn: null, closesOn: null }, admin);
	const [code] = await createCodes(
		db,
		{ courseId: course.id, count: 1, label: null, maxUses: null, expiresOn: null, ...overrides },
		admin
	);
	return code!;
}

describe('enrolment policies', () => {
	it('are open by default', async () => {
		expect(await policyFor(db, course.id)).toMatchObject({ mode: 'open', opensOn: null });
		const id = await student();
		expect(await attempt(id)).toEqual({ status: 'enrolled' });
		expect(await isEnrolled(db, id, course.id)).toBe(true);
	});

	it('refuse everyone outside the enrolment window, on both sides', async () => {
		await savePolicy(
			db,
			{ courseId: course.id, mode: 'open', opensOn: '2026-12-16', closesOn: '2026-12-31' },
			admin
		);
		const id = await student();
		expect(await attempt(id)).toEqual({
			status: 'closed',
			message: 'Enrolment in this course opens on December 16, 2026.'
		});
		expect(await attempt(id, '', course, new Date('2027-01-01T17:00:00Z'))).toEqual({
			status: 'closed',
			message: 'Enrolment in this course closed on December 31, 2026.'
		});
		// The last day counts, in the organisation's time zone: 04:00 UTC on 1 January is still
		// 31 December in New York.
		expect(await attempt(id, '', course, new Date('2027-01-01T04:00:00Z'))).toEqual({
			status: 'enrolled'
		});
	});

	it('let nobody in by themselves when places are assigned; an admin still can', async () => {
		await savePolicy(
			db,
			{ courseId: course.id, mode: 'assigned', opensOn: null, closesOn: null },
			admin
		);
		const id = await student();
		const email = `student${students}@example.com`;
		expect((await attempt(id)).status).toBe('closed');
		expect(await isEnrolled(db, id, course.id)).toBe(false);

		expect(await assignStudent(db, { email, course }, admin)).toEqual({
			status: 'assigned'
		});
		const row = await db.selectFrom('enrollment').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ user_id: id, via: 'admin' });
		expect(await assignStudent(db, { email, course }, admin)).toEqual({
			status: 'already'
		});
	});
});

describe('enrolment codes', () => {
	it('enrol with a code typed in any case and spacing, and are counted', async () => {
		const code = await byCode({ maxUses: 5 });
		const id = await student();
		expect(await attempt(id, ` ${code.toLowerCase().replace('-', ' ')} `)).toEqual({
			status: 'enrolled'
		});
		const [listed] = await listCodes(db, '2026-12-15', course.id);
		expect(listed).toMatchObject({ code, uses: 1, maxUses: 5, status: 'active' });
		const row = await db.selectFrom('enrollment').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({ via: 'code', code_id: listed!.id });
	});

	it('are needed when the course asks for one', async () => {
		await byCode();
		const id = await student();
		expect(await attempt(id)).toEqual({ status: 'invalid', message: 'Enter your enrolment code.' });
		expect(await attempt(id, 'AAAA-BBBB')).toMatchObject({ status: 'invalid' });
		expect(await isEnrolled(db, id, course.id)).toBe(false);
	});

	it('refuse a used-up code, and the last use goes to one student only', async () => {
		const code = await byCode({ maxUses: 2 });
		const [a, b, c] = [await student(), await student(), await student()];
		const results = await Promise.all([attempt(a, code), attempt(b, code), attempt(c, code)]);

		expect(results.filter((r) => r.status === 'enrolled')).toHaveLength(2);
		expect(results.find((r) => r.status !== 'enrolled')).toEqual({
			status: 'invalid',
			message: 'That enrolment code has been used as many times as it allows.'
		});
		const [listed] = await listCodes(db, '2026-12-15');
		expect(listed).toMatchObject({ uses: 2, status: 'used-up' });
	});

	it('refuse an expired code, and accept it on its last day', async () => {
		const code = await byCode({ expiresOn: '2026-12-14' });
		const id = await student();
		expect(await attempt(id, code)).toEqual({
			status: 'invalid',
			message: 'That enrolment code expired on December 14, 2026.'
		});
		expect(await attempt(id, code, course, new Date('2026-12-14T23:00:00Z'))).toEqual({
			status: 'enrolled'
		});
	});

	it('refuse a revoked code and a code of another course', async () => {
		const code = await byCode();
		const [listed] = await listCodes(db, '2026-12-15');
		await revokeCode(db, listed!.id, admin);
		const id = await student();
		expect((await attempt(id, code)).status).toBe('invalid');

		await savePolicy(
			db,
			{ courseId: other.id, mode: 'code', opensOn: null, closesOn: null },
			admin
		);
		const [fresh] = await createCodes(
			db,
			{ courseId: course.id, count: 1, label: null, maxUses: null, expiresOn: null },
			admin
		);
		expect(await attempt(id, fresh!, other)).toEqual({
			status: 'invalid',
			message: 'That enrolment code is not valid for this course. Check it and try again.'
		});
	});

	it('take one use when the same student sends the form twice', async () => {
		const code = await byCode({ maxUses: 3 });
		const id = await student();
		await Promise.all([attempt(id, code), attempt(id, code)]);
		const [listed] = await listCodes(db, '2026-12-15');
		expect(listed!.uses).toBe(1);
	});

	it('slow down someone trying codes', async () => {
		await byCode();
		const id = await student();
		const results = [];
		for (let i = 0; i < 12; i++) {
			results.push(await attempt(id, `WRNG-${String(i).padStart(4, 'A')}`));
		}
		expect(results.at(-1)?.status).toBe('throttled');
	});

	it('look alike however they are typed', () => {
		expect(normalizeCode('k7qm 4xpd')).toBe('K7QM-4XPD');
		expect(normalizeCode('K7QM-4XPD')).toBe('K7QM-4XPD');
		expect(normalizeCode('short')).toBe('SHORT');
	});
});
