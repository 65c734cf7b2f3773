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
import { allQuestions } from '../content/quiz-schema';
import { listedChoices } from '../quiz/answer-summary';
import { definitionFor } from '../quiz/versions';
import { courseQuizzes } from './access';

export const quizReportQuery = z.object({
	version: z
		.string({ error: 'Choose one version.' })
		.regex(/^[0-9a-z-]{1,64}$/i, { error: 'That is not a quiz version.' })
		.optional()
});

export interface ReportedQuestion {
	id: string;
	/** Position in the quiz version (a pool's questions as authored); null when unknown. */
	number: number | null;
	prompt: string | null;
	/** The question type, e.g. single or hotspot; null when unknown. */
	type: string | null;
	responses: number;
	facility: number;
	discrimination: number | null;
	flags: ItemFlag[];
	concern: number;
	/** Listed choices (options, True/False, regions) with how often each was picked; empty for other types. */
	options: { id: string; text: string; correct: boolean; chosen: number }[];
}

export const SCORE_BINS = 10;

/**
 * What the question-statistics page shows for one version of a quiz: every question with its
 * figures, in the version's order, and the scores in ten bands. Question texts come from that
 * version (its stored copy for an older one). In a quiz drawn from a pool each question counts
 * only the attempts that were shown it, so their numbers of answers differ.
 */
export async function quizReport(
	db: Database,
	course: Course,
	quizId: string,
	requestedVersion: string | undefined
) {
	const quiz = courseQuizzes(course).find((q) => q.id === quizId)?.quiz;
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

	const definition =
		(await definitionFor(db, quiz, version)) ?? (isCurrent ? quiz.definition : null);
	const known = definition ? allQuestions(definition) : [];
	const byId = new Map(stats.items.map((i) => [i.questionId, i]));
	const ordered = [
		...known.map((q) => q.id).filter((id) => byId.has(id)),
		...stats.items.map((i) => i.questionId).filter((id) => !known.some((q) => q.id === id))
	];
	const questions: ReportedQuestion[] = ordered.map((id) => {
		const item = byId.get(id)!;
		const index = known.findIndex((q) => q.id === id);
		const question = known[index];
		const choices = question ? listedChoices(question) : [];
		const listed = new Set(choices.map((c) => c.id));
		return {
			id,
			number: index >= 0 ? index + 1 : null,
			prompt: question?.prompt ?? null,
			type: question?.type ?? null,
			responses: item.responses,
			facility: item.facility,
			discrimination: item.discrimination,
			flags: item.flags,
			concern: concern(item),
			options: [
				...choices.map((c) => ({ ...c, chosen: item.choices.get(c.id) ?? 0 })),
				// Picks the version's copy cannot name (it could not be read back).
				...[...item.choices]
					.filter(([choice]) => !listed.has(choice))
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
		/** For a quiz drawn from a pool: how many items each attempt draws, of how many. */
		pooled:
			definition?.draw === undefined
				? null
				: { draw: definition.draw, of: definition.questions.length },
		versions,
		attempts: stats.attempts,
		passed: stats.passed,
		questions,
		worst: questions.filter((q) => q.flags.length > 0).sort((a, b) => b.concern - a.concern),
		bins
	};
}
