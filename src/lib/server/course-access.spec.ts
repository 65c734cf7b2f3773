import { isHttpError, isRedirect } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Course } from './content';
import { testCourse } from './content/test-content';
import { requireCourseAccess } from './course-access';
import type { Database } from './db';
import { assignInstructor } from './db/instructors';
import type { Role } from './db/schema';
import { openTestDb } from './db/test-db';
import { createUser } from './db/users';
import { enroll } from './progress';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

// A course that requires the shipped Foundations course first.
const advanced: Course = { ...testCourse(), prerequisites: ['foundations-of-medical-massage'] };

async function makeUser(role: Role = 'student', email = 'ana@example.com') {
	const user = await createUser(db, { email, name: 'Ana Lima', passwordHash: 'unused' });
	if (!user) throw new Error('test setup: user not created');
	await db.updateTable('user').set({ role }).where('id', '=', user.id).execute();
	return { id: user.id, email, name: user.name, role, twoFactorEnabled: false };
}

/** What the guard threw, or what it returned. */
async function access(user: Awaited<ReturnType<typeof makeUser>>, enforcePrerequisites = true) {
	try {
		return await requireCourseAccess(db, user, advanced, { enforcePrerequisites });
	} catch (thrown) {
		return thrown;
	}
}

describe('requireCourseAccess', () => {
	it('refuses an enrolled student without the prerequisite certificate, naming the course', async () => {
		const student = await makeUser();
		await enroll(db, student.id, advanced);

		const refused = await access(student);

		expect(isHttpError(refused, 403)).toBe(true);
		expect((refused as { body: { message: string } }).body.message).toBe(
			'This course builds on “Foundations of Medical Massage”: complete it and receive the certificate first.'
		);
	});

	it('lets the student in once the prerequisite certificate exists', async () => {
		const student = await makeUser();
		await enroll(db, student.id, advanced);
		await db
			.insertInto('certificate')
			.values({
				id: 'certificate-1',
				code: 'AAAA-BBBB-CCCC-DDDD',
				user_id: student.id,
				course_id: 'foundations-of-medical-massage',
				holder_name: 'Ana Lima',
				course_title: 'Foundations of Medical Massage',
				ce_hours: 0.5,
				course_type: 'Home Study',
				completion_date: '2026-11-28',
				provider_name: 'MMPA',
				provider_contact: 'https://example.org',
				issued_at: '2026-11-28T12:00:00.000Z'
			})
			.execute();

		expect(await access(student)).toEqual({ enrolled: true });
	});

	it('lets the preview skip prerequisites', async () => {
		const student = await makeUser();
		await enroll(db, student.id, advanced);

		expect(await access(student, false)).toEqual({ enrolled: true });
	});

	it('sends a student who has not enrolled to the course page', async () => {
		const refused = await access(await makeUser());

		expect(isRedirect(refused) && refused.location).toBe('/courses/course-c');
	});

	it('lets admins and the course’s own instructors preview without enrolling', async () => {
		const admin = await makeUser('admin', 'admin@example.com');
		const instructor = await makeUser('instructor', 'teacher@example.com');
		const otherInstructor = await makeUser('instructor', 'other@example.com');
		await assignInstructor(db, instructor.id, advanced.id);

		expect(await access(admin)).toEqual({ enrolled: false });
		expect(await access(instructor)).toEqual({ enrolled: false });
		expect(isRedirect(await access(otherInstructor))).toBe(true);
	});
});
