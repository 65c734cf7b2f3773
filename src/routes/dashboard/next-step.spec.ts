import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { everyTypeQuiz, lesson, testCourse } from '$lib/server/content/test-content';
import { summarize } from '$lib/server/completion';
import { nextStep } from './next-step.server';

// Lessons a (with a quiz), b, an optional c and d, and a final quiz.
const course = testCourse({
	'01-c/01-m/03-c.svx': lesson('lesson-c', { required: false }),
	'01-c/01-m/04-d.svx': lesson('lesson-d'),
	'01-c/final.quiz.yaml': stringify({ ...everyTypeQuiz(), id: 'final-c', title: 'Final' })
});
const step = (done: string[], last: string | null, finalPassed = false, evaluated = false) =>
	nextStep(
		course,
		summarize(
			course,
			{
				openedLessonIds: new Set(done),
				completedLessonIds: new Set(done),
				finalQuizPassed: finalPassed,
				evaluationSubmitted: evaluated
			},
			last
		)
	);
const at = (lessonId: string) => `/courses/${course.id}/${lessonId}`;

describe('the next step on the dashboard', () => {
	it('starts a new student at the first lesson', () => {
		expect(step([], null)).toMatchObject({ href: at('lesson-a') });
	});

	it('resumes the lesson the student was last in while it is unfinished, optional or not', () => {
		expect(step(['lesson-b'], 'lesson-a')).toMatchObject({ href: at('lesson-a'), resume: true });
		expect(step(['lesson-a', 'lesson-b'], 'lesson-c')).toMatchObject({
			href: at('lesson-c'),
			resume: true
		});
	});

	it('moves on to the next unfinished required lesson, skipping optional ones', () => {
		expect(step(['lesson-a', 'lesson-b'], 'lesson-b')).toMatchObject({
			href: at('lesson-d'),
			resume: false
		});
		// Nothing left after the last lesson: back to the earliest one left.
		expect(step(['lesson-b', 'lesson-d'], 'lesson-d')).toMatchObject({ href: at('lesson-a') });
	});

	it('leads to the final quiz once the lessons are done, then to the evaluation, then nowhere', () => {
		const lessons = ['lesson-a', 'lesson-b', 'lesson-d'];
		expect(step(lessons, 'lesson-d')).toEqual({
			href: `/courses/${course.id}/final-quiz`,
			title: 'Final',
			resume: false
		});
		expect(step(lessons, 'lesson-d', true)).toEqual({
			href: `/courses/${course.id}/evaluation`,
			title: 'Course evaluation',
			resume: false
		});
		expect(step(lessons, 'lesson-d', true, true)).toBeNull();
	});
});
