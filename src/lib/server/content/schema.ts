import { z } from 'zod';

/** Stable ids: lower-case kebab-case starting with a letter (YAML would read `01` as a number). */
const id = z
	.string({ error: 'is required' })
	.regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lower-case kebab-case starting with a letter');
const text = z.string({ error: 'is required' }).trim().min(1, 'must not be empty');
const percent = z.number().int().min(1).max(100);

export const COURSE_TYPES = ['Home Study', 'Live', 'Webinar'] as const;

export const courseFrontmatter = z.object({
	id,
	title: text,
	summary: text,
	ceHours: z.number({ error: 'is required (a number of CE hours)' }).positive(),
	courseType: z.enum(COURSE_TYPES, { error: `must be one of ${COURSE_TYPES.join(', ')}` }),
	passingGrade: percent,
	objectives: z.array(text).default([])
});

export const lessonFrontmatter = z.object({
	id,
	title: text,
	summary: text.optional(),
	minutes: z.number({ error: 'is required (estimated minutes)' }).int().positive(),
	objectives: z.array(text).default([]),
	references: z.array(text).default([]),
	required: z.boolean().default(true),
	draft: z.boolean().default(false)
});

const option = z.object({ id, text, correct: z.boolean().default(false) });

const question = z
	.object({
		id,
		type: z.enum(['single', 'multiple'], { error: 'must be single or multiple' }),
		prompt: text,
		options: z.array(option).min(2, 'needs at least two options'),
		explanation: text
	})
	.superRefine((q, ctx) => {
		const correct = q.options.filter((o) => o.correct).length;
		if (q.type === 'single' && correct !== 1) {
			ctx.addIssue({
				code: 'custom',
				path: ['options'],
				message: `a single-choice question needs exactly one correct option (has ${correct})`
			});
		}
		if (q.type === 'multiple' && correct < 1) {
			ctx.addIssue({
				code: 'custom',
				path: ['options'],
				message: 'a multiple-choice question needs at least one correct option'
			});
		}
		duplicates(q.options.map((o) => o.id)).forEach((dup) =>
			ctx.addIssue({ code: 'custom', path: ['options'], message: `duplicate option id "${dup}"` })
		);
	});

export const quizFile = z
	.object({
		id,
		title: text,
		passingGrade: percent.optional(),
		questions: z.array(question).min(1, 'needs at least one question')
	})
	.superRefine((quiz, ctx) => {
		duplicates(quiz.questions.map((q) => q.id)).forEach((dup) =>
			ctx.addIssue({
				code: 'custom',
				path: ['questions'],
				message: `duplicate question id "${dup}"`
			})
		);
	});

export type CourseFrontmatter = z.infer<typeof courseFrontmatter>;
export type LessonFrontmatter = z.infer<typeof lessonFrontmatter>;
export type QuizDefinition = z.infer<typeof quizFile>;
export type QuizQuestion = QuizDefinition['questions'][number];

export function duplicates(values: string[]): string[] {
	const seen = new Set<string>();
	return [...new Set(values.filter((v) => seen.has(v) || !seen.add(v)))];
}
