import { listCourses, type Course } from '../content';
import { loadIssuerSettings, type IssuerSettings } from '../config';
import type { Database } from '../db';
import type { Role } from '../db/schema';
import { createUser } from '../db/users';
import { issueCertificateIfComplete } from './issue';

/** Shared set-up of the certificate specs: real users, real completions, real issuance. */

export const COMPLETED_AT = '2026-11-27T18:00:00.000Z';

export function shippedCourse(): Course {
	const course = listCourses().find((c) => c.id === 'foundations-of-medical-massage');
	if (!course) throw new Error('test setup: the shipped course is missing');
	return course;
}

/** The shipped settings with the board numbers an approved provider would have. */
export function testSettings(overrides: Partial<IssuerSettings> = {}): IssuerSettings {
	return {
		...loadIssuerSettings('config/issuer.json', { ORIGIN: 'https://academy.example.org' }),
		providerContact: 'certificates@example.org',
		ncbtmbProviderNumber: '1000123',
		floridaProviderNumber: '50-4321',
		signatoryName: 'Jordan Example',
		...overrides
	};
}

export async function makeUser(
	db: Database,
	email: string,
	fields: { name?: string; role?: Role; certificateName?: string; license?: [string, string] } = {}
) {
	const user = await createUser(db, {
		email,
		name: fields.name ?? 'Ana Lima',
		passwordHash: 'not-checked-in-this-spec',
		role: fields.role
	});
	if (!user) throw new Error('test setup: user not created');
	await db
		.updateTable('user')
		.set({
			certificate_name: fields.certificateName ?? null,
			license_number: fields.license?.[0] ?? null,
			license_state: fields.license?.[1] ?? null
		})
		.where('id', '=', user.id)
		.execute();
	return user;
}

/** Stores, directly, what a student who finished the course leaves behind. */
export async function recordCompletion(db: Database, userId: string, course = shippedCourse()) {
	for (const lesson of course.lessons) {
		await db
			.insertInto('lesson_progress')
			.values({
				user_id: userId,
				course_id: course.id,
				lesson_id: lesson.id,
				opened_at: COMPLETED_AT,
				completed_at: COMPLETED_AT
			})
			.execute();
	}
	// A passed attempt on every quiz: each lesson's and the course's final quiz.
	const quizzes = [
		...course.lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])),
		...(course.finalQuiz ? [course.finalQuiz] : [])
	];
	for (const quiz of quizzes) {
		await db
			.insertInto('quiz_attempt')
			.values({
				id: crypto.randomUUID(),
				user_id: userId,
				course_id: course.id,
				lesson_id: quiz.lessonId ?? 'final-quiz',
				quiz_id: quiz.id,
				quiz_version: quiz.version,
				layout: '[]',
				started_at: COMPLETED_AT,
				submitted_at: COMPLETED_AT,
				correct_count: 1,
				question_count: 1,
				score: 100,
				passing_grade: quiz.passingGrade,
				passed: 1
			})
			.execute();
	}
	// The course evaluation, the last step of the completion rule.
	await db
		.insertInto('course_evaluation')
		.values({
			user_id: userId,
			course_id: course.id,
			objectives: 5,
			instructor: 5,
			materials: 4,
			relevance: 5,
			comments: '',
			submitted_at: COMPLETED_AT,
			updated_at: COMPLETED_AT
		})
		.execute();
}

/** A graduate with an issued certificate. */
export async function graduate(
	db: Database,
	email: string,
	fields: Parameters<typeof makeUser>[2] = {},
	settings = testSettings(),
	now = new Date('2026-11-28T15:04:05.000Z')
) {
	const user = await makeUser(db, email, fields);
	const course = shippedCourse();
	await recordCompletion(db, user.id, course);
	const certificate = await issueCertificateIfComplete(db, user.id, course, now, settings);
	if (!certificate) throw new Error('test setup: no certificate issued');
	return { user, course, certificate };
}
