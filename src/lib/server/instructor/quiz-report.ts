import { error } from '@sveltejs/kit';
import { z } from 'zod';
import type { Course } from '../content';
import type { Database } from '../db';
import {
	concern,
	quizVersionSummaries,
	versionStatistics,
	type ItemFlag
} from '../quiz/statistics';
import { courseQuizzes } from './access';

export const quizReportQuery = z.object({
	version: z
		.string({ error: 'Choose one version.' })
		.regex(/^[0-9a-z-]{1,64}$/i, { error: 'That is not a quiz version.' })
		.optional()
});

export interface ReportedQuestion {
	id: string;
	/** Position in the quiz as it is now; null for a question no longer in it. */
	number: number | null;
	prompt: string | null;
	responses: number;
	facility: number;
	discrimination: number | null;
	flags: ItemFlag[];
	concern: number;
	/** Options with how often each was chosen; empty for types without options. */
	options: { id: string; text: string; correct: boolean; chosen: number }[];
}

export const SCORE_BINS = 10;

/**
 * What the question-statistics page shows for one version of a quiz: every question with its
 * figures, in quiz order, and the scores in ten bands. Question texts come from the quiz as it
 * is now; for an older version they are shown only where that question still exists.
 */
export async function quizReport(
	db: Database,
	course: Course,
	quizId: string,
	requestedVersion: string | undefined
) {
	const quiz = courseQuizzes(course).find((q) => q.id === quizId)?.lesson.quiz;
	if (!quiz) error(404, 'This course has no such quiz.');
	const versions = await quizVersionSummaries(db, course.id, quiz.id);
	if (requestedVersion && !versions.some((v) => v.version === requestedVersion)) {
		error(404, 'No attempts were submitted on that version of the quiz.');
	}
	const mostUsed = [...versions].sort((a, b) => b.attempts - a.attempts)[0]?.version;
	const version =
		requestedVersion ??
		(versions.some((v) => v.version === quiz.version) ? quiz.version : (mostUsed ?? quiz.version));
	const stats = await versionStatistics(db, course.id, quiz.id, version);
	const isCurrent = version === quiz.version;

	const byId = new Map(stats.items.map((i) => [i.questionId, i]));
	const ordered = [
		...quiz.questions.map((q) => q.id).filter((id) => byId.has(id)),
		...stats.items.map((i) => i.questionId).filter((id) => !quiz.questions.some((q) => q.id === id))
	];
	const questions: ReportedQuestion[] = ordered.map((id) => {
		const item = byId.get(id)!;
		const index = quiz.questions.findIndex((q) => q.id === id);
		const question = quiz.questions[index];
		const known = new Set(question?.options.map((o) => o.id));
		return {
			id,
			number: index >= 0 ? index + 1 : null,
			prompt: question?.prompt ?? null,
			responses: item.responses,
			facility: item.facility,
			discrimination: item.discrimination,
			flags: item.flags,
			concern: concern(item),
			options: [
				...(question?.options.map((o) => ({
					id: o.id,
					text: o.text,
					correct: o.correct,
					chosen: item.choices.get(o.id) ?? 0
				})) ?? []),
				// Options of an older version that the quiz no longer has.
				...[...item.choices]
					.filter(([choice]) => !known.has(choice))
					.map(([choice, chosen]) => ({ id: choice, text: choice, correct: false, chosen }))
			]
		};
	});

	const bins = Array.from({ length: SCORE_BINS }, (_, i) => ({
		from: i * 10,
		to: i === SCORE_BINS - 1 ? 100 : i * 10 + 9,
		attempts: 0
	}));
	for (const s of stats.scores) {
		bins[Math.min(SCORE_BINS - 1, Math.floor(s.score / 10))]!.attempts += s.attempts;
	}

	return {
		quiz: {
			id: quiz.id,
			title: quiz.title,
			passingGrade: quiz.passingGrade,
			version: quiz.version
		},
		version,
		isCurrent,
		versions,
		attempts: stats.attempts,
		passed: stats.passed,
		questions,
		worst: questions.filter((q) => q.flags.length > 0).sort((a, b) => b.concern - a.concern),
		bins
	};
}
