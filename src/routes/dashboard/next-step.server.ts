import type { Course } from '$lib/server/content';
import type { CourseProgress } from '$lib/server/progress';

export interface NextStep {
	href: string;
	title: string;
	/** True when it is the lesson the student was last in: "resume" rather than "start". */
	resume: boolean;
}

/**
 * Where one tap from the dashboard leads: back into the lesson the student was last in while it
 * is unfinished, else the next required lesson not yet complete, else the final quiz, else the
 * course evaluation. Null when every step of the course is done.
 */
export function nextStep(course: Course, progress: CourseProgress): NextStep | null {
	const lessonStep = (index: number, resume: boolean): NextStep => {
		const lesson = course.lessons[index]!;
		return { href: `/courses/${course.id}/${lesson.id}`, title: lesson.title, resume };
	};
	const done = (index: number) => progress.completedLessonIds.has(course.lessons[index]!.id);
	const last = course.lessons.findIndex((l) => l.id === progress.continueLessonId);
	if (last >= 0 && !done(last)) return lessonStep(last, true);
	const pending = course.lessons.flatMap((l, i) => (l.required && !done(i) ? [i] : []));
	const after = pending.find((i) => i > last) ?? pending[0];
	if (after !== undefined) return lessonStep(after, false);
	if (course.finalQuiz && !progress.finalQuizPassed) {
		return {
			href: `/courses/${course.id}/final-quiz`,
			title: course.finalQuiz.title,
			resume: false
		};
	}
	if (!progress.evaluationSubmitted) {
		return { href: `/courses/${course.id}/evaluation`, title: 'Course evaluation', resume: false };
	}
	return null;
}
