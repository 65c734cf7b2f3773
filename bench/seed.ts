// Seeds a benchmark database with realistic volume: 2,000 students with their own sessions, every
// shipped course, about 50,000 stored quiz responses, some certificates, and open quiz attempts
// ready to be submitted. Writes what the load scenarios need to a JSON file.
// Run by bench/run.js through scripts/run.js: DATABASE_URL=<file> node scripts/run.js bench/seed.ts <out.json>
import { writeFileSync } from 'node:fs';
import {
	createSession,
	generateSessionToken,
	markTwoFactorVerified
} from '$lib/server/auth/session';
import { assignInstructor } from '$lib/server/db/instructors';
import { hashPassword } from '$lib/server/auth/password';
import { listCourses } from '$lib/server/content';
import { closeDb, getDb } from '$lib/server/db';
import type { QuizAttempt } from '$lib/server/db/schema';
import { migrateToLatest } from '$lib/server/db/migrate';
import { submitEvaluation } from '$lib/server/evaluation';
import { completeLesson, recordLessonOpened } from '$lib/server/progress';
import { openAttempt, submitAttempt } from '$lib/server/quiz/attempts';
import { answerForm, formField } from '$lib/server/quiz/test-answers';

const STUDENTS = 2_000;
const RESPONSES = 50_000;
const CERTIFICATES = 300;
const OPEN_ATTEMPTS = 30_000;

export interface BenchFixture {
	coursePath: string;
	lessonPath: string;
	/** Every lesson of the course, for the page weight report. */
	lessonPaths: string[];
	quizPath: string;
	/** An instructor of the course, signed in with two-factor, and the pages they read. */
	instructor: { token: string; name: string; rosterPath: string; statisticsPath: string };
	students: { token: string; name: string }[];
	submissions: { token: string; fields: [string, string][] }[];
	certificates: { code: string; token: string }[];
}

export async function main([out]: string[]): Promise<number> {
	if (!out) throw new Error('usage: bench/seed.ts <fixture.json>');
	const db = getDb();
	await migrateToLatest(db);
	const course = listCourses()[0]!;
	// The course's quizzes: its lessons' and its final quiz. Submissions go to the final quiz
	// when there is one (every shipped course has one), else to the first lesson quiz.
	const quizzes = [
		...course.lessons.flatMap((l) => (l.quiz ? [l.quiz] : [])),
		...(course.finalQuiz ? [course.finalQuiz] : [])
	];
	const quiz = course.finalQuiz ?? quizzes[0]!;
	const quizPath = `/courses/${course.id}/${quiz.lessonId ?? 'final-quiz'}`;
	const now = new Date();
	const passwordHash = await hashPassword('benchmark password');

	const students: BenchFixture['students'] = [];
	const ids: string[] = [];
	await db.transaction().execute(async (trx) => {
		for (let i = 0; i < STUDENTS; i++) {
			const id = crypto.randomUUID();
			const name = `Student ${String(i).padStart(4, '0')} Bench`;
			ids.push(id);
			await trx
				.insertInto('user')
				.values({
					id,
					email: `student${i}@bench.example`,
					name,
					password_hash: passwordHash,
					role: 'student',
					created_at: now.toISOString()
				})
				.execute();
			for (const c of listCourses()) {
				await trx
					.insertInto('enrollment')
					.values({ user_id: id, course_id: c.id, enrolled_at: now.toISOString() })
					.execute();
			}
			const token = generateSessionToken();
			await createSession(trx, token, { id, role: 'student' }, {}, now);
			students.push({ token, name });
		}
	});

	// Submitted attempts with their responses, through the app's own submission: what
	// instructors' statistics read. About a third are answered right.
	let responses = 0;
	for (let a = 0; responses < RESPONSES; a++) {
		const userId = ids[a % STUDENTS]!;
		const attempt = await openAttempt(db, userId, quiz, now);
		const answers = answerForm(quiz, attempt, a % 3 === 0 ? 'right' : 'wrong');
		await submitAttempt(db, userId, attempt.id, quiz, formField(answers), now);
		responses += attempt.question_count;
	}

	// Graduates, made the way students become graduates: every lesson opened, every quiz passed,
	// the evaluation submitted.
	const certificates: BenchFixture['certificates'] = [];
	for (let i = 0; i < CERTIFICATES; i++) {
		const userId = ids[i]!;
		for (const lesson of course.lessons) await recordLessonOpened(db, userId, course, lesson, now);
		for (const each of quizzes) {
			const attempt = await openAttempt(db, userId, each, now);
			await submitAttempt(
				db,
				userId,
				attempt.id,
				each,
				formField(answerForm(each, attempt, 'right')),
				now
			);
		}
		for (const lesson of course.lessons) await completeLesson(db, userId, course, lesson, now);
		// The evaluation is the rule's last step: submitting it issues the certificate.
		const certificate = await submitEvaluation(
			db,
			userId,
			course,
			{ objectives: 5, instructor: 4, materials: 4, relevance: 5, comments: '' },
			now
		);
		if (!certificate) throw new Error('seeding: a graduate got no certificate');
		certificates.push({ code: certificate.code, token: students[i]!.token });
	}

	// Open attempts, each ready for one submission: each student's own open attempt, then copies
	// of its row (openAttempt runs its own transaction, so the templates are opened first).
	const templates: QuizAttempt[] = [];
	for (let index = 0; index < STUDENTS; index++) {
		templates.push(await openAttempt(db, ids[index]!, quiz, now));
	}
	const submissions: BenchFixture['submissions'] = [];
	await db.transaction().execute(async (trx) => {
		for (let s = 0; s < OPEN_ATTEMPTS; s++) {
			const index = s % STUDENTS;
			const template = templates[index]!;
			const id = s < STUDENTS ? template.id : crypto.randomUUID();
			if (s >= STUDENTS) {
				await trx
					.insertInto('quiz_attempt')
					.values({ ...template, id })
					.execute();
			}
			const fields: [string, string][] = [
				['attempt', id],
				...Object.entries(answerForm(quiz, template, 'wrong')).flatMap(([name, values]) =>
					values.map((value): [string, string] => [name, value])
				)
			];
			submissions.push({ token: students[index]!.token, fields });
		}
	});

	// An instructor of the course, through both factors (a key on record, a verified session).
	const instructorId = crypto.randomUUID();
	const instructorName = 'Instructor Bench';
	await db
		.insertInto('user')
		.values({
			id: instructorId,
			email: 'instructor@bench.example',
			name: instructorName,
			password_hash: passwordHash,
			role: 'instructor',
			created_at: now.toISOString(),
			totp_key: 'not used: the session below is already verified'
		})
		.execute();
	await assignInstructor(db, instructorId, course.id, now);
	const instructorToken = generateSessionToken();
	const session = await createSession(db, instructorToken, {
		id: instructorId,
		role: 'instructor'
	});
	await markTwoFactorVerified(db, session.id);

	const fixture: BenchFixture = {
		instructor: {
			token: instructorToken,
			name: instructorName,
			rosterPath: `/instructor/courses/${course.id}`,
			statisticsPath: `/instructor/courses/${course.id}/quizzes/${quiz.id}`
		},
		coursePath: `/courses/${course.id}`,
		lessonPath: `/courses/${course.id}/${course.lessons[0]!.id}`,
		lessonPaths: course.lessons.map((lesson) => `/courses/${course.id}/${lesson.id}`),
		quizPath,
		students,
		submissions,
		certificates
	};
	writeFileSync(out, JSON.stringify(fixture));
	await closeDb();
	console.log(
		`Seeded ${STUDENTS} students, ${RESPONSES} responses, ${OPEN_ATTEMPTS} open attempts, ${CERTIFICATES} certificates`
	);
	return 0;
}
