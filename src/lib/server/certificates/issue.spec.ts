import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDb, type TestDb } from '../db/test-db';
import type { Course } from '../content';
import { certificatePdf } from './documents';
import { courseApprovals, findCertificateFor, issueCertificateIfComplete } from './issue';
import {
	graduate,
	makeUser,
	recordCompletion as recordFixtureCompletion,
	shippedCourse,
	testSettings
} from './test-fixtures';

let db: Database;
let connectAgain: TestDb['connectAgain'];
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, connectAgain, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

const makeStudent = (email: string) => makeUser(db, email);
const recordCompletion = (userId: string) => recordFixtureCompletion(db, userId);

function certificatesOf(userId: string) {
	return db.selectFrom('certificate').selectAll().where('user_id', '=', userId).execute();
}

describe('issueCertificateIfComplete', () => {
	it('issues exactly one certificate when two connections race to issue it', async () => {
		const course = shippedCourse();
		const other = connectAgain();
		for (let round = 1; round <= 5; round++) {
			const student = await makeStudent(`student${round}@example.com`);
			await recordCompletion(student.id);

			const [first, second] = await Promise.all([
				issueCertificateIfComplete(db, student.id, course),
				issueCertificateIfComplete(other, student.id, course)
			]);

			const rows = await certificatesOf(student.id);
			expect(rows, `round ${round}`).toHaveLength(1);
			expect(first?.code, `round ${round}`).toBe(rows[0]?.code);
			expect(second?.code, `round ${round}`).toBe(rows[0]?.code);
		}
		expect(await db.selectFrom('certificate').select('id').execute()).toHaveLength(5);
	});

	it('returns the already issued certificate on a later call', async () => {
		const course = shippedCourse();
		const student = await makeStudent('ana@example.com');
		await recordCompletion(student.id);
		const issued = await issueCertificateIfComplete(db, student.id, course);

		const again = await issueCertificateIfComplete(db, student.id, course);

		expect(again).toEqual(issued);
		expect(await certificatesOf(student.id)).toHaveLength(1);
	});

	it('issues nothing to a student who has not completed the course', async () => {
		const course = shippedCourse();
		const student = await makeStudent('ana@example.com');
		// Every lesson complete, but the final quiz was never passed.
		await recordCompletion(student.id);
		await db
			.updateTable('quiz_attempt')
			.set({ passed: 0, score: 50 })
			.where('quiz_id', '=', course.finalQuiz!.id)
			.execute();

		expect(await issueCertificateIfComplete(db, student.id, course)).toBeUndefined();
		expect(await certificatesOf(student.id)).toEqual([]);
	});

	it('issues nothing to a student with a required lesson left', async () => {
		const course = shippedCourse();
		const student = await makeStudent('ana@example.com');
		await recordCompletion(student.id);
		await db.deleteFrom('lesson_progress').where('lesson_id', '=', course.lessons[0]!.id).execute();

		expect(await issueCertificateIfComplete(db, student.id, course)).toBeUndefined();
		expect(await findCertificateFor(db, student.id, course.id)).toBeUndefined();
	});
});

describe('the snapshot', () => {
	it('stores every printed field: holder, license, course, approvals and issuer', async () => {
		const settings = testSettings();
		const course = {
			...shippedCourse(),
			ncbtmbApprovalNumber: '451234-25',
			floridaProgramNumber: '20987654'
		};
		const student = await makeUser(db, 'ana@example.com', {
			certificateName: 'Ana Beatriz Lima',
			license: ['MA12345', 'fl']
		});
		await recordCompletion(student.id);
		// 01:30 in New York on the 28th is already the 28th; in UTC it is 06:30.
		const now = new Date('2026-11-28T06:30:00.000Z');

		const issued = await issueCertificateIfComplete(db, student.id, course, now, settings);

		expect(issued).toMatchObject({
			holder_name: 'Ana Beatriz Lima',
			holder_license_number: 'MA12345',
			holder_license_state: 'FL',
			course_title: course.title,
			ce_hours: course.ceHours,
			course_type: 'Home Study',
			ncbtmb_approval_number: '451234-25',
			florida_program_number: '20987654',
			completion_date: '2026-11-28',
			provider_name: 'Medical Massage Practitioners of America',
			provider_contact: 'certificates@example.org',
			provider_ncbtmb_number: '1000123',
			provider_florida_number: '50-4321',
			signatory_name: 'Jordan Example',
			signatory_title: 'Director of Education',
			signature_asset: settings.signature?.sha256,
			logo_asset: settings.logo?.sha256,
			site_url: 'https://academy.example.org',
			issued_at: now.toISOString(),
			supersedes_id: null,
			superseded_at: null,
			revoked_at: null
		});
		const assets = await db
			.selectFrom('certificate_asset')
			.select(['sha256', 'media_type'])
			.execute();
		expect(assets).toHaveLength(2);
	});

	it('prints the account name when no certificate name is set, and no license when none is', async () => {
		const { certificate } = await graduate(db, 'ana@example.com', { name: 'Ana Lima' });

		expect(certificate).toMatchObject({
			holder_name: 'Ana Lima',
			holder_license_number: null,
			holder_license_state: null,
			ncbtmb_approval_number: null,
			florida_program_number: null
		});
	});

	it('never changes an issued certificate when settings, account or course change later', async () => {
		const { user, course, certificate } = await graduate(db, 'ana@example.com', {
			certificateName: 'Ana Lima',
			license: ['MA12345', 'FL']
		});
		const before = await certificatePdf(db, certificate);

		await db
			.updateTable('user')
			.set({ name: 'Ana Souza', certificate_name: 'Ana Souza', license_number: 'MA99999' })
			.where('id', '=', user.id)
			.execute();
		const edited = { ...course, title: 'Renamed', ceHours: 9, ncbtmbApprovalNumber: 'NEW-1' };
		const newSettings = testSettings({
			providerName: 'Another Name',
			ncbtmbProviderNumber: '999',
			signature: null,
			timeZone: 'Asia/Tokyo',
			siteUrl: 'https://elsewhere.example'
		});
		const again = await issueCertificateIfComplete(db, user.id, edited, new Date(), newSettings);

		expect(again).toEqual(certificate);
		const after = await certificatePdf(db, (await findCertificateFor(db, user.id, course.id))!);
		expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
	});
});

describe('courseApprovals', () => {
	it('reads approval numbers when the course has them, and nothing otherwise', () => {
		const course = shippedCourse();
		expect(courseApprovals(course)).toEqual({
			ncbtmbApprovalNumber: null,
			floridaProgramNumber: null
		});
		expect(
			courseApprovals({
				...course,
				ncbtmbApprovalNumber: ' 451234 ',
				floridaProgramNumber: null
			} as Course)
		).toEqual({ ncbtmbApprovalNumber: '451234', floridaProgramNumber: null });
		expect(
			courseApprovals({ ...course, ncbtmbApprovalNumber: '', floridaProgramNumber: {} } as Course)
		).toEqual({ ncbtmbApprovalNumber: null, floridaProgramNumber: null });
	});
});
