import type { Course } from '$lib/server/content';
import type { CourseProgress } from '$lib/server/progress';

/** One step of a course as the lesson, final-quiz and evaluation pages link to it. */
interface Step {
	href: string;
	title: string;
}

/**
 * The course outline beside a lesson, the final quiz or the evaluation: modules with their lessons
 * and completion marks, the final quiz, the evaluation, and the steps before and after the page
 * being shown (`here`: a lesson id, `final-quiz` or `evaluation`; routes of those names shadow
 * any lesson so named).
 */
export function courseOutline(course: Course, here: string, progress: CourseProgress | undefined) {
	const steps: (Step & { id: string })[] = [
		...course.lessons.map((l) => ({
			id: l.id,
			href: `/courses/${course.id}/${l.id}`,
			title: l.title
		})),
		...(course.finalQuiz
			? [
					{
						id: 'final-quiz',
						href: `/courses/${course.id}/final-quiz`,
						title: course.finalQuiz.title
					}
				]
			: []),
		{ id: 'evaluation', href: `/courses/${course.id}/evaluation`, title: 'Course evaluation' }
	];
	const index = steps.findIndex((s) => s.id === here);
	const step = (i: number): Step | null => {
		const s = steps[i];
		return s ? { href: s.href, title: s.title } : null;
	};
	return {
		course: { id: course.id, title: course.title },
		outline: {
			modules: course.modules.map((m) => ({
				id: m.id,
				title: m.title,
				lessons: m.lessons.map((l) => ({
					id: l.id,
					title: l.title,
					required: l.required,
					draft: l.draft,
					complete: progress?.completedLessonIds.has(l.id) ?? false
				}))
			})),
			finalQuiz: course.finalQuiz
				? { title: course.finalQuiz.title, passed: progress?.finalQuizPassed ?? false }
				: null,
			evaluationSubmitted: progress?.evaluationSubmitted ?? false
		},
		previous: index === -1 ? null : step(index - 1),
		next: index === -1 ? null : step(index + 1)
	};
}

export type CourseOutline = ReturnType<typeof courseOutline>;
