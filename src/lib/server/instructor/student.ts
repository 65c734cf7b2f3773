import type { Course } from '../content';
import type { Database } from '../db';
import type { EnrollmentVia } from '../db/schema';
import { reviewAttempt, type ReviewedQuestion } from '../quiz/attempts';
import { courseQuizzes } from './access';

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
	/** The answers, question by question; null for attempts on another version of the quiz. */
	questions: ReviewedQuestion[] | null;
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
			.orderBy('issued_at', 'desc')
			.executeTakeFirst()
	]);
	const quizzes = new Map(courseQuizzes(course).map((q) => [q.id, q.lesson.quiz]));

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
				const sameVersion = quiz?.version === a.quiz_version;
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
					questions: quiz && sameVersion ? await reviewAttempt(db, quiz, a) : null
				};
			})
		),
		certificate: certificate
			? { code: certificate.code, completionDate: certificate.completion_date }
			: null
	};
}
