import { error, fail, redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { requireUser } from '$lib/server/auth/guards';
import { findCourse, findLesson } from '$lib/server/content';
import { renderLesson } from '$lib/server/content/lesson-html';
import { requireCourseAccess } from '$lib/server/course-access';
import { getDb } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import { CompletionRefusedError, completeLesson, recordLessonOpened } from '$lib/server/progress';
import { submitQuizForm } from '$lib/server/quiz/form';
import { quizSection } from '$lib/server/quiz/view';
import { courseOutline } from '../outline.server';
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

	const visit = enrolled ? await recordLessonOpened(db, user.id, course, lesson) : undefined;
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
		certificateCode: visit?.certificate?.code,
		quiz
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { course, lesson } = lessonOr404(event.params);
		const user = requireUser(event);
		if (!lesson.quiz) error(404, 'This lesson has no quiz.');
		const db = getDb();
		const form = await readFormData(event.request);
		const { enrolled } = await requireCourseAccess(db, user, course, {
			enforcePrerequisites: !dev
		});
		if (!enrolled) {
			return fail(403, { message: 'Enrol in this course to take its quiz.', answers: {} });
		}

		const result = await submitQuizForm(db, user.id, lesson.quiz, form);
		if (!result.ok) {
			return fail(result.status, { message: result.message, answers: result.answers });
		}
		if (result.attempt.passed === 1) {
			try {
				await completeLesson(db, user.id, course, lesson);
			} catch (e) {
				// The attempt is stored either way; a lesson never opened simply stays incomplete.
				if (!(e instanceof CompletionRefusedError)) throw e;
			}
		}
		redirect(303, `/courses/${course.id}/${lesson.id}?attempt=${result.attempt.id}#result`);
	}
};
