// Seeds a benchmark database with realistic volume: 2,000 students with their own sessions, every
// shipped course, about 50,000 stored quiz responses, some certificates, and open quiz attempts
// ready to be submitted. Writes what the load scenarios need to a JSON file.
// Run by bench/run.js through scripts/run.js: DATABASE_URL=<file> node scripts/run.js bench/seed.ts <out.json>
import { writeFileSync } from 'node:fs';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { hashPassword } from '$lib/server/auth/password';
import { listCourses, type Lesson, type Quiz } from '$lib/server/content';
import { closeDb, getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { findCertificateFor } from '$lib/server/certificates/issue';
import { completeLesson, recordLessonOpened } from '$lib/server/progress';
import { openAttempt, parseLayout, submitAttempt } from '$lib/server/quiz/attempts';
import { gradeQuiz } from '$lib/server/quiz/grading';
import { recordAttemptStatistics } from '$lib/server/quiz/statistics';

const STUDENTS = 2_000;
const RESPONSES = 50_000;
const CERTIFICATES = 300;
const OPEN_ATTEMPTS = 30_000;

export interface BenchFixture {
	lessonPath: string;
	quizLessonPath: string;
	students: { token: string; name: string }[];
	submissions: { token: string; fields: [string, string][] }[];
	certificates: { code: string; token: string }[];
}

export async function main([out]: string[]): Promise<number> {
	if (!out) throw new Error('usage: bench/seed.ts <fixture.json>');
	const db = getDb();
	await migrateToLatest(db);
	const course = listCourses()[0]!;
	const quizLesson = course.lessons.find((l): l is Lesson & { quiz: Quiz } => !!l.quiz)!;
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

	// Submitted attempts with their responses: what instructors' statistics read.
	const perAttempt = quizLesson.quiz.questions.length;
	await db.transaction().execute(async (trx) => {
		for (let a = 0; a * perAttempt < RESPONSES; a++) {
			const userId = ids[a % STUDENTS]!;
			const attempt = await openAttempt(trx, userId, quizLesson, now);
			const answers = new Map(
				parseLayout(attempt).map((q) => [
					q.questionId,
					[q.optionIds[Math.floor(Math.random() * q.optionIds.length)]!]
				])
			);
			const grade = gradeQuiz(quizLesson.quiz, answers, attempt.passing_grade);
			await trx
				.insertInto('quiz_response')
				.values(
					grade.questions.map((q) => ({
						attempt_id: attempt.id,
						question_id: q.questionId,
						selected: JSON.stringify(q.selected),
						correct: q.correct ? 1 : 0
					}))
				)
				.execute();
			await trx
				.updateTable('quiz_attempt')
				.set({
					submitted_at: now.toISOString(),
					correct_count: grade.correctCount,
					score: grade.score,
					passed: grade.passed ? 1 : 0
				})
				.where('id', '=', attempt.id)
				.execute();
			await recordAttemptStatistics(
				trx,
				{
					...attempt,
					correct_count: grade.correctCount,
					score: grade.score,
					passed: grade.passed ? 1 : 0
				},
				grade.questions.map((q) => ({
					questionId: q.questionId,
					correct: q.correct,
					choiceIds: q.selected
				}))
			);
		}
	});

	// Graduates, made the way students become graduates: every lesson opened, the quiz passed.
	const certificates: BenchFixture['certificates'] = [];
	for (let i = 0; i < CERTIFICATES; i++) {
		const userId = ids[i]!;
		for (const lesson of course.lessons) await recordLessonOpened(db, userId, course, lesson, now);
		const attempt = await openAttempt(db, userId, quizLesson, now);
		const layout = parseLayout(attempt);
		await submitAttempt(db, userId, attempt.id, quizLesson.quiz, (name) => {
			const entry = layout[Number(name.slice(1)) - 1]!;
			const question = quizLesson.quiz.questions.find((q) => q.id === entry.questionId)!;
			return entry.optionIds.flatMap((id, position) =>
				question.options.find((o) => o.id === id)?.correct ? [String(position + 1)] : []
			);
		});
		await completeLesson(db, userId, course, quizLesson, now);
		const certificate = await findCertificateFor(db, userId, course.id);
		if (!certificate) throw new Error('seeding: a graduate got no certificate');
		certificates.push({ code: certificate.code, token: students[i]!.token });
	}

	// Open attempts, each ready for one submission: copies of a real open attempt's row.
	const submissions: BenchFixture['submissions'] = [];
	await db.transaction().execute(async (trx) => {
		for (let s = 0; s < OPEN_ATTEMPTS; s++) {
			const index = s % STUDENTS;
			const template = await openAttempt(trx, ids[index]!, quizLesson, now);
			const id = s < STUDENTS ? template.id : crypto.randomUUID();
			if (s >= STUDENTS) {
				await trx
					.insertInto('quiz_attempt')
					.values({ ...template, id })
					.execute();
			}
			const fields: [string, string][] = [
				['attempt', id],
				...parseLayout(template).map((_, q): [string, string] => [`q${q + 1}`, '1'])
			];
			submissions.push({ token: students[index]!.token, fields });
		}
	});

	const fixture: BenchFixture = {
		lessonPath: `/courses/${course.id}/${course.lessons[0]!.id}`,
		quizLessonPath: `/courses/${course.id}/${quizLesson.id}`,
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
