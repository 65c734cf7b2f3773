import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eraseAccount, exportAccountData, setRole } from './account';
import { createSession, generateSessionToken } from './auth/session';
import type { Database } from './db';
import { openTestDb } from './db/test-db';
import { createUser, findUserByEmail } from './db/users';

const AT = '2026-11-27T18:00:00.000Z';
const origin = { ip: '192.0.2.1' };
let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

/** A student with one completed, certified course and one course in progress. */
async function studentWithRecords() {
	const user = (await createUser(db, {
		email: 'ana@example.com',
		name: 'Ana Lima',
		passwordHash: 'unused'
	}))!;
	await db
		.updateTable('user')
		.set({ license_number: 'MA12345', license_state: 'FL', certificate_name: 'Ana B. Lima' })
		.execute();
	for (const course of ['done-course', 'open-course']) {
		await db
			.insertInto('enrollment')
			.values({ user_id: user.id, course_id: course, enrolled_at: AT })
			.execute();
		await db
			.insertInto('lesson_progress')
			.values({
				user_id: user.id,
				course_id: course,
				lesson_id: 'l1',
				opened_at: AT,
				completed_at: AT
			})
			.execute();
		const attemptId = crypto.randomUUID();
		await db
			.insertInto('quiz_attempt')
			.values({
				id: attemptId,
				user_id: user.id,
				course_id: course,
				lesson_id: 'l1',
				quiz_id: 'q',
				quiz_version: 'v',
				layout: '[]',
				started_at: AT,
				submitted_at: AT,
				correct_count: 1,
				question_count: 1,
				score: 100,
				passing_grade: 70,
				passed: 1
			})
			.execute();
		await db
			.insertInto('quiz_response')
			.values({ attempt_id: attemptId, question_id: 'q1', selected: '["a"]', correct: 1 })
			.execute();
	}
	await db
		.insertInto('certificate')
		.values({
			id: crypto.randomUUID(),
			code: 'AAAA-BBBB-CCCC-DDDD',
			user_id: user.id,
			course_id: 'done-course',
			holder_name: 'Ana B. Lima',
			course_title: 'Done',
			ce_hours: 2,
			course_type: 'Home Study',
			completion_date: '2026-11-27',
			provider_name: 'MMPA',
			provider_contact: 'x',
			issued_at: AT
		})
		.execute();
	await createSession(db, generateSessionToken(), user);
	return user;
}

describe('erasing an account', () => {
	it('keeps the six-year CE record and removes everything else', async () => {
		const user = await studentWithRecords();

		await eraseAccount(db, user.id, origin);

		const row = await db.selectFrom('user').selectAll().executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			name: 'Ana Lima',
			certificate_name: 'Ana B. Lima',
			license_number: 'MA12345',
			license_state: 'FL',
			totp_key: null
		});
		expect(row.email).not.toContain('ana@example.com');
		expect(row.erased_at).not.toBeNull();
		expect(await findUserByEmail(db, 'ana@example.com')).toBeUndefined();
		expect(await db.selectFrom('session').selectAll().execute()).toEqual([]);
		expect(await db.selectFrom('certificate').select('code').execute()).toEqual([
			{ code: 'AAAA-BBBB-CCCC-DDDD' }
		]);
		for (const table of ['enrollment', 'lesson_progress', 'quiz_attempt'] as const) {
			const courses = await db.selectFrom(table).select('course_id').execute();
			expect(courses, table).toEqual([{ course_id: 'done-course' }]);
		}
		expect(await db.selectFrom('quiz_response').selectAll().execute()).toEqual([]);
		const audit = await db.selectFrom('audit_log').select(['action', 'ip']).execute();
		expect(audit).toContainEqual({ action: 'account.erase', ip: '192.0.2.1' });
	});

	it('frees the e-mail address for a new account', async () => {
		const user = await studentWithRecords();
		await eraseAccount(db, user.id, origin);

		const again = await createUser(db, {
			email: 'ana@example.com',
			name: 'Ana',
			passwordHash: 'x'
		});
		expect(again).toBeDefined();
	});
});

describe('downloading my data', () => {
	it('holds the profile, enrolments, attempts with answers and certificates, and no secrets', async () => {
		const user = await studentWithRecords();

		const data = await exportAccountData(db, user.id);

		expect(data?.profile).toMatchObject({ email: 'ana@example.com', licenseNumber: 'MA12345' });
		expect(data?.enrolments).toHaveLength(2);
		expect(data?.quizAttempts[0]?.responses).toEqual([
			{ questionId: 'q1', selected: ['a'], correct: true }
		]);
		expect(data?.certificates.map((c) => c.code)).toEqual(['AAAA-BBBB-CCCC-DDDD']);
		expect(JSON.stringify(data)).not.toMatch(/password_hash|totp_key|"unused"/);
	});
});

describe('role changes', () => {
	it('sign the person out and are audited with who and from where', async () => {
		const user = await studentWithRecords();

		await setRole(db, user.id, 'instructor', { userId: 'admin-id', ip: '198.51.100.1' });

		expect(await db.selectFrom('session').selectAll().execute()).toEqual([]);
		const [entry] = await db.selectFrom('audit_log').selectAll().execute();
		expect(entry).toMatchObject({
			action: 'admin.role-change',
			actor_user_id: 'admin-id',
			subject_id: user.id,
			ip: '198.51.100.1',
			details: JSON.stringify({ from: 'student', to: 'instructor' })
		});
	});
});
