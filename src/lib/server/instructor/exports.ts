import { z } from 'zod';
import type { Course } from '../content';
import type { CsvValue } from '../csv';
import type { Database } from '../db';
import { addDays, startOfDay, timeInOrganisation } from '../dates';
import { optionalDate } from '../forms';
import { allQuestions, type Question } from '../content/quiz-schema';
import { describeAnswer } from '../quiz/answer-summary';
import { parseStoredAnswer, type Answer } from '../quiz/grading';
import { definitionFor } from '../quiz/versions';
import { courseQuizzes } from './access';
import type { RosterRow } from './roster';
import { evaluationRows, type EvaluationRow } from '../evaluation';

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
	'Question type',
	'Prompt',
	'Answer',
	'Answer as stored',
	'Correct'
];

/**
 * Every answer of the submitted attempts in the range, written out in words against the version
 * of the quiz each attempt was taken on (its stored copy for an older one); the stored answer is
 * given too, in the quiz's ids, so nothing depends on a text that may change.
 */
export async function* responsesCsvPages(
	db: Database,
	course: Course,
	range: DateRange
): AsyncGenerator<CsvValue[][]> {
	const quizzes = new Map(courseQuizzes(course).map((q) => [q.id, q.quiz]));
	const versions = new Map<string, Map<string, Question> | null>();
	const questionsOf = async (quizId: string, version: string) => {
		const key = `${quizId} ${version}`;
		if (!versions.has(key)) {
			const quiz = quizzes.get(quizId);
			const definition = quiz ? await definitionFor(db, quiz, version) : undefined;
			versions.set(
				key,
				definition ? new Map(allQuestions(definition).map((q) => [q.id, q])) : null
			);
		}
		return versions.get(key) ?? null;
	};
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
		const rows: CsvValue[][] = [];
		for (const a of attempts) {
			const questions = await questionsOf(a.quiz_id, a.quiz_version);
			for (const r of byAttempt.get(a.id) ?? []) {
				const question = questions?.get(r.question_id);
				const answer = readStoredAnswer(r.selected);
				rows.push([
					a.id,
					a.name,
					a.email,
					a.quiz_id,
					a.quiz_version,
					a.submitted_at,
					r.question_id,
					question?.type ?? null,
					question?.prompt ?? null,
					answer ? describeAnswer(question, answer) : null,
					r.selected,
					r.correct
				]);
			}
		}
		yield rows;
	}
}

/** A stored answer, or undefined for one that does not read as an answer. */
function readStoredAnswer(selected: string): Answer | undefined {
	try {
		return parseStoredAnswer(selected);
	} catch {
		return undefined;
	}
}

export const EVALUATIONS_HEADER = [
	'Name',
	'E-mail',
	'Objectives met (1-5)',
	'Instructor (1-5)',
	'Materials (1-5)',
	'Relevance to practice (1-5)',
	'Comments',
	'Submitted',
	'Last changed'
];

/** The course's evaluations first submitted in the range (organisation days, both included). */
export async function evaluationsCsvRows(
	db: Database,
	courseId: string,
	range: DateRange
): Promise<CsvValue[][]> {
	const rows = await evaluationRows(db, {
		courseId,
		from: range.from ? startOfDay(range.from) : undefined,
		to: range.to ? startOfDay(addDays(range.to, 1)) : undefined
	});
	return rows.map((row: EvaluationRow) => [
		row.studentName,
		row.studentEmail,
		row.objectives,
		row.instructor,
		row.materials,
		row.relevance,
		row.comments,
		timeInOrganisation(row.submittedAt),
		timeInOrganisation(row.updatedAt)
	]);
}
