import type { Course } from '$lib/server/content';
import type { CourseProgress } from '$lib/server/progress';

/** One step of a course as the lesson and final-quiz pages link to it. */
interface Step {
	href: string;
	title: string;
}

/**
 * The course outline beside a lesson or the final quiz: modules with their lessons and
 * completion marks, and the steps before and after the page being shown (`here`: a lesson id,
 * or null for the final quiz).
 */
export function courseOutline(
	course: Course,
	here: string | null,
	progress: CourseProgress | undefined
) {
	const steps: (Step & { id: string | null })[] = [
		...course.lessons.map((l) => ({
			id: l.id,
			href: `/courses/${course.id}/${l.id}`,
			title: l.title
		})),
		...(course.finalQuiz
			? [{ id: null, href: `/courses/${course.id}/final-quiz`, title: course.finalQuiz.title }]
			: [])
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
				: null
		},
		previous: index === -1 ? null : step(index - 1),
		next: index === -1 ? null : step(index + 1)
	};
}

export type CourseOutline = ReturnType<typeof courseOutline>;
