import { buildCatalogue, type Course, type Lesson } from './catalogue';

export type { Course, Lesson, Quiz } from './catalogue';

// Read through Vite so that build, dev, vitest and the lesson check see the same files. Quiz files
// are only ever imported here, under $lib/server, so their answer keys never reach the browser.
const courses = import.meta.glob('/lessons/*/course.md', { eager: true, import: 'metadata' });
const lessons = import.meta.glob('/lessons/*/*.svx', { eager: true, import: 'metadata' });
const quizzes = import.meta.glob<string>('/lessons/*/*.quiz.yaml', {
	eager: true,
	query: '?raw',
	import: 'default'
});

// Indexed once, at import: bad content fails `vite build` and server start with the file's name.
const catalogue = buildCatalogue({ courses, lessons, quizzes }, import.meta.env.DEV);
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
		lessonCount: course.lessons.length,
		minutes: course.lessons.reduce((sum, l) => sum + l.minutes, 0)
	};
}
