import { z } from 'zod';
import type { Course } from '../content';
import type { CsvValue } from '../csv';
import type { Database } from '../db';
import { addDays, startOfDay } from '../dates';
import { optionalDate } from '../forms';
import { courseQuizzes } from './access';
import type { RosterRow } from './roster';

export const dateRange = z.object({
	from: optionalDate('the first date'),
	to: optionalDate('the last date')
});
export type DateRange = z.output<typeof dateRange>;

export function rosterHeader(course: Course): string[] {
	return [
		'Name',
		'E-mail',
		'License state',
		'Status',
		'Enrolled on',
		'Enrolled by',
		'Last activity',
		'Required lessons complete',
		'Required lessons',
		'Progress %',
		'Time on task (minutes)',
		...courseQuizzes(course).flatMap((q) => [`${q.title}: best %`, `${q.title}: attempts`]),
		'Certificate',
		'Completion date'
	];
}

export function rosterCsvRow(row: RosterRow & { status: string }): CsvValue[] {
	return [
		row.name,
		row.email,
		row.licenseState,
		row.status,
		row.enrolledOn,
		row.via,
		row.lastActivityAt,
		row.completedRequired,
		row.totalRequired,
		row.percent,
		row.timeOnTask,
		...row.quizzes.flatMap((q) => [q.best, q.attempts]),
		row.certificate?.code ?? null,
		row.certificate?.completionDate ?? null
	];
}

/**
 * Submitted attempts of the course in the range (by submission, organisation days), in pages.
 * A page is read and written out in one go, holding the connection: pages are sized so that
 * takes a few milliseconds (see bench/instructor.ts).
 */
async function* attemptPages(db: Database, courseId: string, range: DateRange, size: number) {
	const from = range.from ? startOfDay(range.from) : '';
	const until = range.to ? startOfDay(addDays(range.to, 1)) : undefined;
	let after = { at: from, id: '' };
	for (;;) {
		let query = db
			.selectFrom('quiz_attempt')
			.innerJoin('user', 'user.id', 'quiz_attempt.user_id')
			.select([
				'quiz_attempt.id',
				'quiz_attempt.quiz_id',
				'quiz_attempt.quiz_version',
				'quiz_attempt.started_at',
				'quiz_attempt.submitted_at',
				'quiz_attempt.score',
				'quiz_attempt.correct_count',
				'quiz_attempt.question_count',
				'quiz_attempt.passed',
				'user.name',
				'user.email'
			])
			.where('quiz_attempt.course_id', '=', courseId)
			.where((eb) =>
				eb.or([
					eb('quiz_attempt.submitted_at', '>', after.at),
					eb.and([
						eb('quiz_attempt.submitted_at', '=', after.at),
						eb('quiz_attempt.id', '>', after.id)
					])
				])
			)
			.orderBy('quiz_attempt.submitted_at')
			.orderBy('quiz_attempt.id')
			.limit(size);
		if (until) query = query.where('quiz_attempt.submitted_at', '<', until);
		const rows = await query.execute();
		if (rows.length === 0) return;
		yield rows;
		const last = rows.at(-1)!;
		after = { at: last.submitted_at!, id: last.id };
		if (rows.length < size) return;
	}
}

export const ATTEMPTS_HEADER = [
	'Attempt',
	'Name',
	'E-mail',
	'Quiz',
	'Quiz version',
	'Started',
	'Submitted',
	'Questions right',
	'Questions',
	'Score %',
	'Passed'
];

export async function* attemptsCsvPages(
	db: Database,
	courseId: string,
	range: DateRange
): AsyncGenerator<CsvValue[][]> {
	for await (const rows of attemptPages(db, courseId, range, 200)) {
		yield rows.map((a) => [
			a.id,
			a.name,
			a.email,
			a.quiz_id,
			a.quiz_version,
			a.started_at,
			a.submitted_at,
			a.correct_count,
			a.question_count,
			a.score,
			a.passed === 1 ? 'yes' : 'no'
		]);
	}
}

export const RESPONSES_HEADER = [
	'Attempt',
	'Name',
	'E-mail',
	'Quiz',
	'Quiz version',
	'Submitted',
	'Question',
	'Prompt',
	'Chosen option ids',
	'Chosen options',
	'Correct'
];

/**
 * Every answer of the submitted attempts in the range. Prompts and option texts come from the
 * quiz as it is now, and only for attempts taken on this version of it (ids are always given).
 */
export async function* responsesCsvPages(
	db: Database,
	course: Course,
	range: DateRange
): AsyncGenerator<CsvValue[][]> {
	const quizzes = new Map(courseQuizzes(course).map((q) => [q.id, q.lesson.quiz]));
	// About eight answers per attempt: 50 attempts make a page of some 400 rows.
	for await (const attempts of attemptPages(db, course.id, range, 50)) {
		const responses = await db
			.selectFrom('quiz_response')
			.select(['attempt_id', 'question_id', 'selected', 'correct'])
			.where(
				'attempt_id',
				'in',
				attempts.map((a) => a.id)
			)
			.execute();
		const byAttempt = Map.groupBy(responses, (r) => r.attempt_id);
		yield attempts.flatMap((a) => {
			const quiz = quizzes.get(a.quiz_id);
			const current = quiz?.version === a.quiz_version ? quiz : undefined;
			return (byAttempt.get(a.id) ?? []).map((r) => {
				const question = current?.questions.find((q) => q.id === r.question_id);
				const chosen = parseChosen(r.selected);
				return [
					a.id,
					a.name,
					a.email,
					a.quiz_id,
					a.quiz_version,
					a.submitted_at,
					r.question_id,
					question?.prompt ?? null,
					chosen.join('; '),
					question
						? chosen.map((id) => question.options.find((o) => o.id === id)?.text ?? id).join('; ')
						: null,
					r.correct
				];
			});
		});
	}
}

/** The chosen option ids of a stored answer; other answer shapes are given as stored. */
function parseChosen(selected: string): string[] {
	try {
		const value: unknown = JSON.parse(selected);
		if (Array.isArray(value)) return value.map(String);
		return [selected];
	} catch {
		return [selected];
	}
}
