import { error, redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { requireUser } from '$lib/server/auth/guards';
import { findCourse, findLesson } from '$lib/server/content';
import { renderLesson } from '$lib/server/content/lesson-html';
import { requireCourseAccess } from '$lib/server/course-access';
import { getDb } from '$lib/server/db';
import { CompletionRefusedError, completeLesson, recordLessonOpened } from '$lib/server/progress';
import { moduleProgress } from '$lib/server/completion';
import { saveDraftForm, submitQuizForm } from '$lib/server/quiz/form';
import {
	BEAT_CAP_MS,
	BEAT_INTERVAL_MS,
	formatDuration,
	timeOnTaskTotal
} from '$lib/server/time-on-task';
import { quizSection } from '$lib/server/quiz/view';
import { courseOutline } from '../outline.server';
import { quizFormAction } from '../quiz-action.server';
import type { Actions, PageServerLoad } from './$types';

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
	const { enrolled } = await requireCourseAccess(db, user, course, { enforcePrerequisites: !dev });

	const [visit, secondsInCourse] = enrolled
		? await Promise.all([
				recordLessonOpened(db, user.id, course, lesson),
				timeOnTaskTotal(db, user.id, course.id)
			])
		: [undefined, 0];
	const progress = visit?.progress;
	const quiz = lesson.quiz
		? await quizSection(db, user.id, course, lesson.quiz, {
				enrolled,
				reviewAttemptId: event.url.searchParams.get('attempt'),
				preview: dev
			})
		: null;
	const module = course.modules.find((m) => m.id === lesson.moduleId);
	const content = await renderLesson(lesson.file);
	return {
		lesson: {
			id: lesson.id,
			title: lesson.title,
			minutes: lesson.minutes,
			objectives: lesson.objectives,
			references: lesson.references,
			required: lesson.required,
			draft: lesson.draft,
			moduleTitle: module?.title ?? ''
		},
		content,
		...courseOutline(course, lesson.id, progress),
		enrolled,
		percent: progress?.percent,
		module: progress
			? {
					title: module?.title ?? '',
					...moduleProgress(course, lesson.moduleId, progress.completedLessonIds)
				}
			: null,
		status: progress
			? {
					lessonComplete: progress.completedLessonIds.has(lesson.id),
					courseComplete: progress.complete,
					evaluationSubmitted: progress.evaluationSubmitted,
					timeInCourse: formatDuration(secondsInCourse)
				}
			: null,
		resumePosition: visit?.resumePosition ?? null,
		heartbeat: enrolled ? { intervalMs: BEAT_INTERVAL_MS, capMs: BEAT_CAP_MS } : null,
		certificateCode: visit?.certificate?.code,
		quiz
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { course, lesson } = lessonOr404(event.params);
		if (!lesson.quiz) error(404, 'This lesson has no quiz.');
		const posted = await quizFormAction(event, course, lesson.quiz, submitQuizForm);
		if (posted.failure) return posted.failure;
		const { db, userId, result } = posted;
		if (result.attempt.passed === 1) {
			try {
				await completeLesson(db, userId, course, lesson);
			} catch (e) {
				// The attempt is stored either way; a lesson never opened simply stays incomplete.
				if (!(e instanceof CompletionRefusedError)) throw e;
			}
		}
		redirect(303, `/courses/${course.id}/${lesson.id}?attempt=${result.attempt.id}#result`);
	},

	draft: async (event) => {
		const { course, lesson } = lessonOr404(event.params);
		if (!lesson.quiz) error(404, 'This lesson has no quiz.');
		const posted = await quizFormAction(event, course, lesson.quiz, saveDraftForm);
		if (posted.failure) return posted.failure;
		// Back to the form, which the page fills in from the saved draft.
		redirect(303, `/courses/${course.id}/${lesson.id}#quiz-form`);
	}
};
