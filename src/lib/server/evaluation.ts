import { z } from 'zod';
import type { Course } from './content';
import type { Database } from './db';
import type { CourseEvaluation } from './db/schema';
import { findCertificateFor, issueCertificateIfComplete } from './certificates/issue';

/**
 * The course evaluation: four ratings from 1 to 5 and comments, one per student and course. It is
 * a step of the completion rule (completion.ts). The student may change it until the certificate
 * is issued; from then on it stays as it was when the course was completed, since the
 * certificate is the record that it was given.
 */

export const RATINGS = [
	{ name: 'objectives', label: 'The course met its stated learning objectives' },
	{ name: 'instructor', label: 'The instructor knew the subject and explained it clearly' },
	{ name: 'materials', label: 'The lessons, figures and quizzes were clear and useful' },
	{ name: 'relevance', label: 'What I learned applies to my practice' }
] as const;

export type RatingName = (typeof RATINGS)[number]['name'];

export const COMMENTS_MAX = 2000;
const chars = (value: string) => [...value].length;
// Line breaks and tabs belong in comments; other control characters never do.
const hasControl = (value: string) =>
	[...value].some((c) => /\p{Cc}/u.test(c) && !'\n\t'.includes(c));

const rating = (label: string) =>
	z
		.string({ error: `Choose a rating from 1 to 5 for “${label}”.` })
		.regex(/^[1-5]$/, { error: `Choose a rating from 1 to 5 for “${label}”.` })
		.transform(Number);

export const evaluationSchema = z.object({
	objectives: rating(RATINGS[0].label),
	instructor: rating(RATINGS[1].label),
	materials: rating(RATINGS[2].label),
	relevance: rating(RATINGS[3].label),
	comments: z
		.string({ error: 'Send your comments once, as text.' })
		.optional()
		.transform((v) => (v ?? '').replace(/\r\n?/g, '\n').trim())
		.refine((v) => chars(v) <= COMMENTS_MAX, {
			error: `Keep your comments under ${COMMENTS_MAX} characters.`
		})
		.refine((v) => !hasControl(v), { error: 'Remove the control characters from your comments.' })
});

export type EvaluationInput = z.output<typeof evaluationSchema>;

/** Refused because the certificate is issued: answered with 409. */
export class EvaluationClosedError extends Error {}

export function findEvaluation(
	db: Database,
	userId: string,
	courseId: string
): Promise<CourseEvaluation | undefined> {
	return db
		.selectFrom('course_evaluation')
		.selectAll()
		.where('user_id', '=', userId)
		.where('course_id', '=', courseId)
		.executeTakeFirst();
}

/**
 * Stores the student's evaluation (replacing an earlier one) and issues the certificate when this
 * was the last step of the rule. Refused once the certificate is issued.
 */
export async function submitEvaluation(
	db: Database,
	userId: string,
	course: Course,
	input: EvaluationInput,
	now = new Date()
) {
	if (await findCertificateFor(db, userId, course.id)) {
		throw new EvaluationClosedError(
			'Your certificate is issued, so your evaluation is kept as you submitted it.'
		);
	}
	const at = now.toISOString();
	const values = {
		objectives: input.objectives,
		instructor: input.instructor,
		materials: input.materials,
		relevance: input.relevance,
		comments: input.comments
	};
	await db
		.insertInto('course_evaluation')
		.values({ user_id: userId, course_id: course.id, ...values, submitted_at: at, updated_at: at })
		.onConflict((oc) =>
			oc.columns(['user_id', 'course_id']).doUpdateSet({ ...values, updated_at: at })
		)
		.execute();
	return issueCertificateIfComplete(db, userId, course, now);
}

/** One row of the evaluation export: the student, the course, the ratings and comments. */
export interface EvaluationRow {
	courseId: string;
	studentName: string;
	studentEmail: string;
	objectives: number;
	instructor: number;
	materials: number;
	relevance: number;
	comments: string;
	submittedAt: string;
	updatedAt: string;
}

/**
 * The evaluations of a course, for the instructor's CSV export: those first submitted from `from`
 * (inclusive) to `to` (exclusive), both ISO timestamps and optional, oldest first.
 */
export async function evaluationRows(
	db: Database,
	filter: { courseId: string; from?: string; to?: string }
): Promise<EvaluationRow[]> {
	let query = db
		.selectFrom('course_evaluation as e')
		.innerJoin('user as u', 'u.id', 'e.user_id')
		.select([
			'e.course_id',
			'u.name',
			'u.email',
			'e.objectives',
			'e.instructor',
			'e.materials',
			'e.relevance',
			'e.comments',
			'e.submitted_at',
			'e.updated_at'
		])
		.where('e.course_id', '=', filter.courseId);
	if (filter.from) query = query.where('e.submitted_at', '>=', filter.from);
	if (filter.to) query = query.where('e.submitted_at', '<', filter.to);
	const rows = await query.orderBy('e.submitted_at').orderBy('u.email').execute();
	return rows.map((r) => ({
		courseId: r.course_id,
		studentName: r.name,
		studentEmail: r.email,
		objectives: Number(r.objectives),
		instructor: Number(r.instructor),
		materials: Number(r.materials),
		relevance: Number(r.relevance),
		comments: r.comments,
		submittedAt: r.submitted_at,
		updatedAt: r.updated_at
	}));
}
