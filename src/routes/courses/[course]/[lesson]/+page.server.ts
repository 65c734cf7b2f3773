import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { canPreviewCourse, requireUser } from '$lib/server/auth/guards';
import { findCourse, findLesson } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import {
	CompletionRefusedError,
	completeLesson,
	isEnrolled,
	recordLessonOpened
} from '$lib/server/progress';
import { QuizInputError, StaleAttemptError, submitAttempt } from '$lib/server/quiz/attempts';
import { quizSection } from '$lib/server/quiz/view';
import { parseForm, readFormData, text } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const QuizSubmission = z.object({ attempt: text('the attempt', 64) });

function lessonOr404(params: { course: string; lesson: string }) {
	const course = findCourse(params.course);
	const lesson = course && findLesson(course, params.lesson);
	if (!course || !lesson) error(404, 'There is no lesson at this address.');
	return { course, lesson };
}

export const load: PageServerLoad = async (event) => {
	const { course, lesson } = lessonOr404(event.params);
	const user = requireUser(event);
	const db = getDb();
	const enrolled = await isEnrolled(db, user.id, course.id);
	if (!enrolled && !(await canPreviewCourse(db, user, course.id))) {
		redirect(303, `/courses/${course.id}`);
	}

	const visit = enrolled ? await recordLessonOpened(db, user.id, course, lesson) : undefined;
	const progress = visit?.progress;
	const index = course.lessons.indexOf(lesson);
	const neighbour = (i: number) => {
		const l = course.lessons[i];
		return l ? { id: l.id, title: l.title } : null;
	};

	const quiz = lesson.quiz
		? await quizSection(
				db,
				user.id,
				{ ...lesson, quiz: lesson.quiz },
				{
					enrolled,
					reviewAttemptId: event.url.searchParams.get('attempt')
				}
			)
		: null;

	return {
		course: { id: course.id, title: course.title },
		lesson: {
			id: lesson.id,
			title: lesson.title,
			minutes: lesson.minutes,
			objectives: lesson.objectives,
			references: lesson.references,
			file: lesson.file
		},
		outline: course.lessons.map((l) => ({
			id: l.id,
			title: l.title,
			complete: progress?.completedLessonIds.has(l.id) ?? false
		})),
		previous: neighbour(index - 1),
		next: neighbour(index + 1),
		enrolled,
		percent: progress?.percent,
		certificateCode: visit?.certificate?.code,
		quiz
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { course, lesson } = lessonOr404(event.params);
		const user = requireUser(event);
		const quiz = lesson.quiz;
		if (!quiz) error(404, 'This lesson has no quiz.');
		const db = getDb();
		const form = await readFormData(event.request);
		const field = (name: string) =>
			form.getAll(name).filter((v): v is string => typeof v === 'string');
		const answers: Record<string, string[]> = Object.fromEntries(
			quiz.questions.map((_, i) => [`q${i + 1}`, field(`q${i + 1}`)])
		);
		if (!(await isEnrolled(db, user.id, course.id))) {
			return fail(403, { message: 'Enrol in this course to take its quiz.', answers });
		}
		// The answers are checked against the attempt's stored layout by submitAttempt.
		const parsed = parseForm(form, QuizSubmission);
		if (!parsed.ok) {
			return fail(400, { message: 'The quiz form is incomplete. Reload the page.', answers });
		}
		const attemptId = parsed.data.attempt;

		const none: Record<string, string[]> = {};
		let attempt;
		try {
			attempt = await submitAttempt(db, user.id, attemptId, quiz, field);
		} catch (e) {
			if (e instanceof QuizInputError) return fail(400, { message: e.message, answers });
			// A new attempt shuffles the options anew, so the old positions would mean other answers.
			if (e instanceof StaleAttemptError) return fail(409, { message: e.message, answers: none });
			throw e;
		}
		if (attempt.passed === 1) {
			try {
				await completeLesson(db, user.id, course, lesson);
			} catch (e) {
				// The attempt is stored either way; a lesson never opened simply stays incomplete.
				if (!(e instanceof CompletionRefusedError)) throw e;
			}
		}
		redirect(303, `/courses/${course.id}/${lesson.id}?attempt=${attempt.id}#result`);
	}
};
