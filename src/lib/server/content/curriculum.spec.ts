import { describe, expect, it } from 'vitest';
import { listCourses } from './index';

// The curriculum's own rules, beyond what the format checks: seven courses, each built to
// support CE hours and a final quiz that is a real pool of varied, explained questions.

const PROGRAM = [
	'foundations-of-medical-massage',
	'muscle-testing-and-assessment',
	'trigger-point-therapy',
	'myofascial-release',
	'positional-release',
	'neuromuscular-therapy',
	'rehabilitative-stretching'
];

describe('the shipped curriculum', () => {
	const courses = listCourses();

	it('has the seven courses of the program, each after Foundations', () => {
		expect(courses.map((c) => c.id)).toEqual(PROGRAM);
		for (const course of courses.slice(1)) {
			expect(course.prerequisites, course.id).toEqual(['foundations-of-medical-massage']);
		}
	});

	it.each(PROGRAM)(
		'%s has five or more lessons in modules, with objectives and references',
		(id) => {
			const course = courses.find((c) => c.id === id)!;
			const required = course.lessons.filter((l) => l.required);
			expect(required.length).toBeGreaterThanOrEqual(5);
			expect(course.modules.length).toBeGreaterThanOrEqual(2);
			for (const lesson of required) {
				expect(lesson.objectives.length, lesson.file).toBeGreaterThan(0);
				expect(lesson.references.length, lesson.file).toBeGreaterThan(0);
			}
		}
	);

	it.each(PROGRAM)('%s ends in a final quiz drawn from a larger pool of varied items', (id) => {
		const quiz = courses.find((c) => c.id === id)!.finalQuiz!;
		expect(quiz, `${id} has no final quiz`).toBeDefined();
		const items = quiz.definition.questions;
		const questions = items.flatMap((item) => (item.type === 'case' ? item.questions : [item]));
		const types = new Set(questions.map((q) => q.type));

		expect(quiz.definition.draw).toBeGreaterThanOrEqual(12);
		expect(items.length).toBeGreaterThan(quiz.definition.draw!);
		expect(types.size).toBeGreaterThanOrEqual(4);
		expect(types.has('hotspot')).toBe(true);
		expect(items.some((item) => item.type === 'case')).toBe(true);
		for (const question of questions) {
			expect(question.explanation.trim().length, question.id).toBeGreaterThan(40);
		}
	});
});
