import { z } from 'zod';
import type { Course } from '../content';
import type { Database } from '../db';
import type { EnrollmentVia } from '../db/schema';
import { dateInOrganisation } from '../dates';
import { optionalDate } from '../forms';
import { summarize } from '../completion';
import { courseQuizzes } from './access';
import { timeOnTaskByStudent } from '../time-on-task';

export interface RosterQuizResult {
	quizId: string;
	/** Best score (percent) over submitted attempts; null before the first. */
	best: number | null;
	attempts: number;
	passed: boolean;
}

export interface RosterRow {
	userId: string;
	name: string;
	email: string;
	licenseState: string | null;
	deactivated: boolean;
	enrolledAt: string;
	/** The enrolment's calendar date in the organisation's time zone. */
	enrolledOn: string;
	via: EnrollmentVia | null;
	lastActivityAt: string | null;
	completedRequired: number;
	totalRequired: number;
	percent: number;
	/** Whole minutes credited on the course's lessons (time-on-task.ts). */
	timeOnTask: number;
	quizzes: RosterQuizResult[];
	certificate: { code: string; completionDate: string } | null;
}

/**
 * Every student of the course with their progress, quiz results and certificate. Six indexed
 * queries over the course (measured in the README), merged here; progress is counted by the same
 * `summarize` that the student's own pages use.
 */
export async function courseRoster(db: Database, course: Course): Promise<RosterRow[]> {
	const [students, lessons, attempts, certificates, seconds, evaluations] = await Promise.all([
		db
			.selectFrom('enrollment')
			.innerJoin('user', 'user.id', 'enrollment.user_id')
			.select([
				'user.id',
				'user.name',
				'user.email',
				'user.license_state',
				'user.deactivated_at',
				'enrollment.enrolled_at',
				'enrollment.via',
				'enrollment.last_lesson_id',
				'enrollment.last_activity_at'
			])
			.where('enrollment.course_id', '=', course.id)
			.execute(),
		db
			.selectFrom('lesson_progress')
			.select(['user_id', 'lesson_id'])
			.where('course_id', '=', course.id)
			.where('completed_at', 'is not', null)
			.execute(),
		db
			.selectFrom('quiz_attempt')
			.select([
				'user_id',
				'quiz_id',
				(eb) => eb.fn.max('score').as('best'),
				(eb) => eb.fn.countAll<number>().as('attempts'),
				(eb) => eb.fn.max('passed').as('passed')
			])
			.where('course_id', '=', course.id)
			.where('submitted_at', 'is not', null)
			.groupBy(['user_id', 'quiz_id'])
			.execute(),
		// The current certificate of each student: not replaced by a reissue, not revoked.
		db
			.selectFrom('certificate')
			.select(['user_id', 'code', 'completion_date'])
			.where('course_id', '=', course.id)
			.where('superseded_at', 'is', null)
			.where('revoked_at', 'is', null)
			.execute(),
		timeOnTaskByStudent(db, course.id),
		db
			.selectFrom('course_evaluation')
			.select('user_id')
			.where('course_id', '=', course.id)
			.execute()
	]);

	const completed = new Map<string, Set<string>>();
	for (const l of lessons) {
		const set = completed.get(l.user_id) ?? new Set<string>();
		set.add(l.lesson_id);
		completed.set(l.user_id, set);
	}
	const results = new Map<string, Map<string, (typeof attempts)[number]>>();
	for (const a of attempts) {
		const byQuiz = results.get(a.user_id) ?? new Map();
		byQuiz.set(a.quiz_id, a);
		results.set(a.user_id, byQuiz);
	}
	const certificateOf = new Map(certificates.map((c) => [c.user_id, c]));
	const evaluated = new Set(evaluations.map((e) => e.user_id));
	const quizzes = courseQuizzes(course);

	return students.map((s) => {
		// The one completion rule: required lessons, the final quiz when the course has one, and
		// the course evaluation.
		const finalQuizPassed = course.finalQuiz
			? results.get(s.id)?.get(course.finalQuiz.id)?.passed === 1
			: false;
		const progress = summarize(
			course,
			{
				openedLessonIds: new Set(),
				completedLessonIds: completed.get(s.id) ?? new Set(),
				finalQuizPassed,
				evaluationSubmitted: evaluated.has(s.id)
			},
			s.last_lesson_id
		);
		const certificate = certificateOf.get(s.id);
		return {
			userId: s.id,
			name: s.name,
			email: s.email,
			licenseState: s.license_state,
			deactivated: s.deactivated_at !== null,
			enrolledAt: s.enrolled_at,
			enrolledOn: dateInOrganisation(s.enrolled_at),
			via: s.via,
			lastActivityAt: s.last_activity_at,
			completedRequired: progress.completedRequired,
			totalRequired: progress.totalRequired,
			percent: progress.percent,
			timeOnTask: Math.floor((seconds.get(s.id) ?? 0) / 60),
			quizzes: quizzes.map((q) => {
				const r = results.get(s.id)?.get(q.id);
				return {
					quizId: q.id,
					best: r?.best ?? null,
					attempts: Number(r?.attempts ?? 0),
					passed: r?.passed === 1
				};
			}),
			certificate: certificate
				? { code: certificate.code, completionDate: certificate.completion_date }
				: null
		};
	});
}

export const ROSTER_STATUSES = [
	'all',
	'not-started',
	'in-progress',
	'inactive',
	'completed'
] as const;
export const ROSTER_SORTS = ['behind', 'name', 'progress', 'activity', 'enrolled'] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];
export type RosterSort = (typeof ROSTER_SORTS)[number];

/** Students without activity for this long, and not finished, count as inactive. */
export const INACTIVE_DAYS = 14;
export const ROSTER_PAGE_SIZE = 50;

const oneText = (what: string) => z.string({ error: `Give ${what} once.` });

export const rosterQuery = z.object({
	q: oneText('the search')
		.trim()
		.max(200, { error: 'Search for at most 200 characters.' })
		.default(''),
	status: z
		.enum(ROSTER_STATUSES, { error: `Choose a status: ${ROSTER_STATUSES.join(', ')}.` })
		.default('all'),
	sort: z
		.enum(ROSTER_SORTS, { error: `Choose a sort order: ${ROSTER_SORTS.join(', ')}.` })
		.default('behind'),
	page: z.coerce
		.number({ error: 'The page must be a number.' })
		.int({ error: 'The page must be a whole number.' })
		.min(1, { error: 'Pages start at 1.' })
		.max(100_000, { error: 'There is no such page.' })
		.default(1),
	/** Enrolled on or after / on or before: the exports' date range. */
	from: optionalDate('the first enrolment date'),
	to: optionalDate('the last enrolment date')
});
export type RosterQuery = z.output<typeof rosterQuery>;

function statusOf(row: RosterRow, now: Date): Exclude<RosterStatus, 'all'> {
	if (row.certificate) return 'completed';
	const last = row.lastActivityAt ? Date.parse(row.lastActivityAt) : undefined;
	if (last === undefined && row.completedRequired === 0) return 'not-started';
	const since = last ?? Date.parse(row.enrolledAt);
	if (now.getTime() - since >= INACTIVE_DAYS * 24 * 60 * 60 * 1000) return 'inactive';
	return 'in-progress';
}

/** Names in dictionary order, ignoring case and accents: one collator, far faster than localeCompare. */
const byText = new Intl.Collator('en', { sensitivity: 'base' }).compare;
/** ISO timestamps sort as plain strings. */
const byTime = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Never-active students sort as the least recently active. */
const activity = (row: RosterRow) => row.lastActivityAt ?? '';

const COMPARE: Record<RosterSort, (a: RosterRow, b: RosterRow) => number> = {
	// Least progress first; among equals the longest idle, then the longest enrolled.
	behind: (a, b) =>
		a.percent - b.percent || byTime(activity(a), activity(b)) || byTime(a.enrolledAt, b.enrolledAt),
	name: (a, b) => byText(a.name, b.name) || byText(a.email, b.email),
	progress: (a, b) => b.percent - a.percent || byText(a.name, b.name),
	activity: (a, b) => byTime(activity(b), activity(a)) || byText(a.name, b.name),
	enrolled: (a, b) => byTime(b.enrolledAt, a.enrolledAt) || byText(a.name, b.name)
};

/** The rows the query asks for, in its order (every page; the caller slices one). */
export function selectRoster(
	rows: RosterRow[],
	query: Pick<RosterQuery, 'q' | 'status' | 'sort' | 'from' | 'to'>,
	now = new Date()
): (RosterRow & { status: Exclude<RosterStatus, 'all'> })[] {
	const needle = query.q.toLocaleLowerCase('en');
	return rows
		.map((row) => ({ ...row, status: statusOf(row, now) }))
		.filter(
			(row) =>
				(query.status === 'all' || row.status === query.status) &&
				(!needle ||
					row.name.toLocaleLowerCase('en').includes(needle) ||
					row.email.toLocaleLowerCase('en').includes(needle)) &&
				(!query.from || row.enrolledOn >= query.from) &&
				(!query.to || row.enrolledOn <= query.to)
		)
		.sort(COMPARE[query.sort]);
}
