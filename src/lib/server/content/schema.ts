import { z } from 'zod';

/** Stable ids: lower-case kebab-case starting with a letter (YAML would read `01` as a number). */
export const id = z
	.string()
	.regex(
		/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
		'must be lower-case words joined by dashes, starting with a letter (e.g. trigger-point-basics)'
	);
export const text = z.string().trim().min(1, 'must not be empty');
export const percent = z.number().int('must be a whole number').min(1).max(100);

export const COURSE_TYPES = ['Home Study', 'Live', 'Webinar'] as const;

// Strict objects: a misspelt field is reported, never silently ignored.
export const courseFrontmatter = z.strictObject({
	id,
	title: text,
	summary: text,
	ceHours: z.number().positive(),
	courseType: z.enum(COURSE_TYPES),
	passingGrade: percent,
	objectives: z.array(text).default([]),
	/** Ids of courses whose certificate a student needs before enrolling in this one. */
	prerequisites: z.array(id).default([]),
	/** Names shown on the course page; who may teach it is assigned in the database. */
	instructors: z.array(text).default([]),
	ncbtmbApprovalNumber: text.nullable().default(null),
	floridaProgramNumber: text.nullable().default(null)
});

export const moduleFrontmatter = z.strictObject({
	id,
	title: text,
	summary: text.optional()
});

export const lessonFrontmatter = z.strictObject({
	id,
	title: text,
	summary: text.optional(),
	/** Estimated minutes of reading and activities. */
	minutes: z.number().int('must be a whole number').positive(),
	/** Minutes of video or audio, which count toward CE hours at 60 minutes an hour. */
	mediaMinutes: z.number().min(0).default(0),
	objectives: z.array(text).default([]),
	references: z.array(text).default([]),
	/** Optional lessons never block completion. */
	required: z.boolean().default(true),
	/** Drafts show in `npm run dev` and are left out of production builds. */
	draft: z.boolean().default(false)
});

export type CourseFrontmatter = z.output<typeof courseFrontmatter>;
export type ModuleFrontmatter = z.output<typeof moduleFrontmatter>;
export type LessonFrontmatter = z.output<typeof lessonFrontmatter>;

export function duplicates(values: string[]): string[] {
	const seen = new Set<string>();
	return [...new Set(values.filter((v) => seen.has(v) || !seen.add(v)))];
}
