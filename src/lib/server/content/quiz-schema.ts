import { z } from 'zod';
import { duplicates, id, percent, text } from './schema';

// The quiz format of docs/content-format.md. Quiz files are read only by server code: everything
// here is the answer key. Fields are declared in the order authors write them (id, type, prompt,
// …, explanation), which is also the order the version hash sees.

const feedback = text.optional();

const option = z.strictObject({ id, text, correct: z.boolean().default(false), feedback });

/** Two entries whose text differs only in case or spacing would look the same to a student. */
function sameText(values: string[]): string[] {
	return duplicates(values.map((v) => v.trim().replace(/\s+/g, ' ').toLowerCase()));
}

function refineOptions(
	options: { text: string; correct: boolean }[],
	ctx: z.RefinementCtx,
	rule: 'exactly one' | 'at least one'
) {
	const correct = options.filter((o) => o.correct).length;
	if (correct === 0) {
		ctx.addIssue({
			code: 'custom',
			path: ['options'],
			message: 'none of the options is marked correct: add `correct: true` to the right answer'
		});
	} else if (rule === 'exactly one' && correct > 1) {
		ctx.addIssue({
			code: 'custom',
			path: ['options'],
			message: `a single-choice question needs exactly one correct option (has ${correct}); use type: multiple for several`
		});
	}
	for (const dup of sameText(options.map((o) => o.text))) {
		ctx.addIssue({
			code: 'custom',
			path: ['options'],
			message: `two options read "${dup}"`
		});
	}
}

const single = z
	.strictObject({
		id,
		type: z.literal('single'),
		prompt: text,
		options: z.array(option).min(2),
		explanation: text
	})
	.superRefine((q, ctx) => refineOptions(q.options, ctx, 'exactly one'));

const multiple = z
	.strictObject({
		id,
		type: z.literal('multiple'),
		prompt: text,
		options: z.array(option).min(2),
		explanation: text
	})
	.superRefine((q, ctx) => refineOptions(q.options, ctx, 'at least one'));

const trueFalse = z.strictObject({
	id,
	type: z.literal('true-false'),
	prompt: text,
	answer: z.boolean(),
	explanation: text
});

const matching = z
	.strictObject({
		id,
		type: z.literal('matching'),
		prompt: text,
		pairs: z.array(z.strictObject({ id, left: text, right: text, feedback })).min(2),
		/** Extra right-hand choices that match nothing. */
		distractors: z.array(text).default([]),
		explanation: text
	})
	.superRefine((q, ctx) => {
		for (const dup of sameText(q.pairs.map((p) => p.left))) {
			ctx.addIssue({
				code: 'custom',
				path: ['pairs'],
				message: `two pairs have the left side "${dup}"`
			});
		}
		for (const dup of sameText([...q.pairs.map((p) => p.right), ...q.distractors])) {
			ctx.addIssue({
				code: 'custom',
				path: ['pairs'],
				message: `the right-hand choice "${dup}" appears twice (pairs and distractors together)`
			});
		}
	});

const ordering = z
	.strictObject({
		id,
		type: z.literal('ordering'),
		prompt: text,
		/** In the correct order; students see them shuffled. */
		items: z.array(z.strictObject({ id, text })).min(2),
		explanation: text
	})
	.superRefine((q, ctx) => {
		for (const dup of sameText(q.items.map((i) => i.text))) {
			ctx.addIssue({ code: 'custom', path: ['items'], message: `two items read "${dup}"` });
		}
	});

const numeric = z.strictObject({
	id,
	type: z.literal('numeric'),
	prompt: text,
	answer: z.number(),
	/** Absolute: an answer within answer ± tolerance is right. */
	tolerance: z.number().min(0).default(0),
	unit: text.optional(),
	explanation: text
});

const shortText = z
	.strictObject({
		id,
		type: z.literal('short-text'),
		prompt: text,
		/** Accepted answers, compared trimmed and ignoring case and repeated spaces. */
		accept: z.array(text).default([]),
		/** A regular expression that must match the whole answer (ignoring case). */
		pattern: text.optional(),
		explanation: text
	})
	.superRefine((q, ctx) => {
		if (q.accept.length === 0 && q.pattern === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['accept'],
				message: 'needs the accepted answers (accept) or a pattern, or both'
			});
		}
		if (q.pattern !== undefined) {
			try {
				new RegExp(q.pattern);
			} catch (error) {
				ctx.addIssue({
					code: 'custom',
					path: ['pattern'],
					message: `is not a valid regular expression: ${(error as Error).message}`
				});
			}
		}
		for (const dup of sameText(q.accept)) {
			ctx.addIssue({ code: 'custom', path: ['accept'], message: `"${dup}" is listed twice` });
		}
	});

const point = z.tuple([z.number(), z.number()], {
	error: 'each point must be [x, y], two numbers'
});

const region = z.strictObject({
	id,
	/** What the student chooses by keyboard or without JavaScript: describe the place. */
	label: text,
	polygon: z.array(point).min(3, 'needs at least three points [x, y]'),
	correct: z.boolean().default(false),
	feedback
});

const hotspot = z
	.strictObject({
		id,
		type: z.literal('hotspot'),
		prompt: text,
		/** Relative to the course folder, e.g. images/posterior-body-map.svg. */
		image: text,
		alt: text,
		/** The image's coordinate space: an SVG's viewBox size, or a bitmap's pixels. */
		width: z.number().positive(),
		height: z.number().positive(),
		regions: z.array(region).min(2, 'needs at least two regions for students to choose from'),
		explanation: text
	})
	.superRefine((q, ctx) => {
		if (!q.regions.some((r) => r.correct)) {
			ctx.addIssue({
				code: 'custom',
				path: ['regions'],
				message: 'none of the regions is marked correct: add `correct: true` to the right one'
			});
		}
		q.regions.forEach((r, index) =>
			r.polygon.forEach(([x, y], p) => {
				if (x < 0 || y < 0 || x > q.width || y > q.height) {
					ctx.addIssue({
						code: 'custom',
						path: ['regions', index, 'polygon', p],
						message: `the point [${x}, ${y}] of region "${r.id}" lies outside the ${q.width} × ${q.height} image`
					});
				}
			})
		);
		for (const dup of sameText(q.regions.map((r) => r.label))) {
			ctx.addIssue({
				code: 'custom',
				path: ['regions'],
				message: `two regions are labelled "${dup}"`
			});
		}
	});

export const question = z.discriminatedUnion('type', [
	single,
	multiple,
	trueFalse,
	matching,
	ordering,
	numeric,
	shortText,
	hotspot
]);

/** A clinical vignette shared by several questions; a pool draws it whole. */
const caseGroup = z.strictObject({
	id,
	type: z.literal('case'),
	title: text.optional(),
	vignette: text,
	questions: z.array(question).min(1)
});

export const QUESTION_TYPES = [
	'single',
	'multiple',
	'true-false',
	'matching',
	'ordering',
	'numeric',
	'short-text',
	'hotspot'
] as const;

export const quizFile = z
	.strictObject({
		id,
		title: text,
		passingGrade: percent.optional(),
		/** Draw this many items (a case counts as one) at random for each attempt. */
		draw: z.number().int('must be a whole number').positive().optional(),
		maxAttempts: z.number().int('must be a whole number').positive().optional(),
		questions: z.array(z.discriminatedUnion('type', [...question.options, caseGroup])).min(1)
	})
	.superRefine((quiz, ctx) => {
		if (quiz.draw !== undefined && quiz.draw > quiz.questions.length) {
			ctx.addIssue({
				code: 'custom',
				path: ['draw'],
				message: `cannot draw ${quiz.draw} from ${quiz.questions.length} questions (a case counts as one)`
			});
		}
	});

export type QuizDefinition = z.output<typeof quizFile>;
export type QuizItem = QuizDefinition['questions'][number];
export type Question = z.output<typeof question>;
export type CaseGroup = Extract<QuizItem, { type: 'case' }>;
export type QuestionType = Question['type'];

/** Every question of the quiz in authoring order, with those inside case groups. */
export function allQuestions(quiz: Pick<QuizDefinition, 'questions'>): Question[] {
	return quiz.questions.flatMap((item) => (item.type === 'case' ? item.questions : [item]));
}
