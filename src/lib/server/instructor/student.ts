import type { Course, Quiz } from '../content';
import type { Database } from '../db';
import type { EnrollmentVia, QuizAttempt } from '../db/schema';
import { describeAnswer, describeKey } from '../quiz/answer-summary';
import { parseStoredAnswer } from '../quiz/grading';
import { parseLayout, questionsOf } from '../quiz/layout';
import { definitionFor } from '../quiz/versions';
import { courseQuizzes } from './access';

/** One answer of an attempt, in words, with the right answer beside it. */
export interface AnsweredQuestion {
	number: number;
	prompt: string;
	correct: boolean;
	answer: string;
	key: string;
}

export interface StudentAttempt {
	id: string;
	quizId: string;
	quizTitle: string;
	version: string;
	startedAt: string;
	submittedAt: string;
	score: number | null;
	correctCount: number | null;
	questionCount: number;
	passed: boolean;
	/** The answers in the order shown; null when the attempt's version can no longer be read. */
	questions: AnsweredQuestion[] | null;
}

export interface StudentRecord {
	student: {
		id: string;
		name: string;
		email: string;
		certificateName: string | null;
		licenseNumber: string | null;
		licenseState: string | null;
		deactivated: boolean;
	};
	enrolledAt: string;
	via: EnrollmentVia | null;
	lastActivityAt: string | null;
	lessons: {
		id: string;
		title: string;
		required: boolean;
		openedAt: string | null;
		completedAt: string | null;
	}[];
	attempts: StudentAttempt[];
	certificate: { code: string; completionDate: string } | null;
}

/** One enrolled student's record in a course, or undefined when they are not enrolled in it. */
export async function studentRecord(
	db: Database,
	course: Course,
	userId: string
): Promise<StudentRecord | undefined> {
	const enrolment = await db
		.selectFrom('enrollment')
		.innerJoin('user', 'user.id', 'enrollment.user_id')
		.select([
			'user.id',
			'user.name',
			'user.email',
			'user.certificate_name',
			'user.license_number',
			'user.license_state',
			'user.deactivated_at',
			'enrollment.enrolled_at',
			'enrollment.via',
			'enrollment.last_activity_at'
		])
		.where('enrollment.course_id', '=', course.id)
		.where('enrollment.user_id', '=', userId)
		.executeTakeFirst();
	if (!enrolment) return undefined;

	const [progress, attempts, certificate] = await Promise.all([
		db
			.selectFrom('lesson_progress')
			.select(['lesson_id', 'opened_at', 'completed_at'])
			.where('user_id', '=', userId)
			.where('course_id', '=', course.id)
			.execute(),
		db
			.selectFrom('quiz_attempt')
			.selectAll()
			.where('user_id', '=', userId)
			.where('course_id', '=', course.id)
			.where('submitted_at', 'is not', null)
			.orderBy('submitted_at', 'desc')
			.execute(),
		db
			.selectFrom('certificate')
			.select(['code', 'completion_date'])
			.where('user_id', '=', userId)
			.where('course_id', '=', course.id)
			.where('superseded_at', 'is', null)
			.where('revoked_at', 'is', null)
			.orderBy('issued_at', 'desc')
			.executeTakeFirst()
	]);
	const quizzes = new Map(courseQuizzes(course).map((q) => [q.id, q.quiz]));

	return {
		student: {
			id: enrolment.id,
			name: enrolment.name,
			email: enrolment.email,
			certificateName: enrolment.certificate_name,
			licenseNumber: enrolment.license_number,
			licenseState: enrolment.license_state,
			deactivated: enrolment.deactivated_at !== null
		},
		enrolledAt: enrolment.enrolled_at,
		via: enrolment.via,
		lastActivityAt: enrolment.last_activity_at,
		lessons: course.lessons.map((l) => {
			const p = progress.find((r) => r.lesson_id === l.id);
			return {
				id: l.id,
				title: l.title,
				required: l.required,
				openedAt: p?.opened_at ?? null,
				completedAt: p?.completed_at ?? null
			};
		}),
		attempts: await Promise.all(
			attempts.map(async (a): Promise<StudentAttempt> => {
				const quiz = quizzes.get(a.quiz_id);
				return {
					id: a.id,
					quizId: a.quiz_id,
					quizTitle: quiz?.title ?? a.quiz_id,
					version: a.quiz_version,
					startedAt: a.started_at,
					submittedAt: a.submitted_at!,
					score: a.score,
					correctCount: a.correct_count,
					questionCount: a.question_count,
					passed: a.passed === 1,
					questions: quiz ? await answersOf(db, quiz, a) : null
				};
			})
		),
		certificate: certificate
			? { code: certificate.code, completionDate: certificate.completion_date }
			: null
	};
}

/** An attempt's answers against the version it was taken on, or null when that cannot be read. */
async function answersOf(
	db: Database,
	quiz: Quiz,
	attempt: QuizAttempt
): Promise<AnsweredQuestion[] | null> {
	const definition = await definitionFor(db, quiz, attempt.quiz_version);
	const layout = parseLayout(attempt);
	const questions = definition ? questionsOf(definition, layout) : undefined;
	if (!questions) return null;
	const rows = await db
		.selectFrom('quiz_response')
		.select(['question_id', 'selected', 'correct'])
		.where('attempt_id', '=', attempt.id)
		.execute();
	const byQuestion = new Map(rows.map((r) => [r.question_id, r]));
	return questions.map((question, index) => {
		const row = byQuestion.get(question.id);
		return {
			number: index + 1,
			prompt: question.prompt,
			correct: row?.correct === 1,
			answer: row ? describeAnswer(question, parseStoredAnswer(row.selected)) : '',
			key: describeKey(question)
		};
	});
}
