import { buildCatalogue, type Course, type Lesson } from './catalogue';
import { contentSources } from './sources';

export type { Course, Lesson, Module, Quiz } from './catalogue';

// Indexed once, at import: bad content fails `vite build` and server start with every problem
// as file:line. In `npm run dev` an edit under lessons/ re-runs this module (see sources.ts).
const catalogue = buildCatalogue(contentSources, import.meta.env.DEV);
const byId = new Map(catalogue.map((c) => [c.id, c]));

export function listCourses(): Course[] {
	return catalogue;
}

export function findCourse(id: string): Course | undefined {
	return byId.get(id);
}

export function findLesson(course: Course, lessonId: string): Lesson | undefined {
	return course.lessons.find((l) => l.id === lessonId);
}

/** What a catalogue card shows; safe for any visitor. */
export interface CourseSummary {
	id: string;
	title: string;
	summary: string;
	ceHours: number;
	courseType: string;
	passingGrade: number;
	moduleCount: number;
	lessonCount: number;
	minutes: number;
}

export function summarizeCourse(course: Course): CourseSummary {
	return {
		id: course.id,
		title: course.title,
		summary: course.summary,
		ceHours: course.ceHours,
		courseType: course.courseType,
		passingGrade: course.passingGrade,
		moduleCount: course.modules.length,
		lessonCount: course.lessons.length,
		minutes: course.lessons.reduce((sum, l) => sum + l.minutes, 0)
	};
}
