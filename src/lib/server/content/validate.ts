import type { z } from 'zod';
import type { ProblemList } from './problems';
import type { FieldPath, YamlSource } from './yaml';

/**
 * Validates parsed YAML against a schema. Every issue becomes a problem on the line where the
 * field was written, in words an author can act on. Returns undefined when there were any.
 */
export function validate<T extends z.ZodType>(
	schema: T,
	source: YamlSource,
	file: string,
	problems: ProblemList
): z.output<T> | undefined {
	const result = schema.safeParse(source.data ?? {});
	if (result.success) return result.data;
	for (const issue of result.error.issues) {
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) {
				problems.add(file, source.lineOf([...issue.path, key]), unknownField(key));
			}
			continue;
		}
		problems.add(file, source.lineOf(issue.path), describe(issue, source));
	}
	return undefined;
}

function fieldName(path: FieldPath): string {
	const last = [...path].reverse().find((key) => typeof key === 'string');
	return typeof last === 'string' ? last : 'frontmatter';
}

function valueAt(data: unknown, path: FieldPath): unknown {
	let value = data;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

function kindOf(value: unknown): string {
	if (value === null) return 'empty';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'a set of fields';
	if (typeof value === 'string') return `the text "${value}"`;
	return `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
	string: 'text',
	number: 'a number',
	boolean: 'true or false',
	array: 'a list',
	object: 'a set of fields',
	tuple: 'a list'
};

function describe(issue: z.core.$ZodIssue, source: YamlSource): string {
	const field = fieldName(issue.path);
	const value = valueAt(source.data, issue.path);
	switch (issue.code) {
		case 'invalid_type': {
			if (value === undefined) return `"${field}" is missing`;
			const written = source.sourceOf(issue.path);
			if (issue.expected === 'string' && written !== undefined && value !== null) {
				// YAML's own reading of an unquoted value: `01` is a number, `true` a boolean.
				return `"${field}" must be text, but YAML reads ${written} as ${kindOf(value)}: put it in quotes, '${written}'`;
			}
			if (issue.expected === 'boolean' && typeof value === 'string') {
				return `"${field}" must be true or false without quotes, not ${kindOf(value)}`;
			}
			return `"${field}" must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(value)}`;
		}
		case 'invalid_union':
			if ('discriminator' in issue && 'options' in issue) {
				const options = (issue.options as unknown[]).map(String).join(', ');
				return value === undefined
					? `"${field}" is missing: one of ${options}`
					: `"${field}" must be one of ${options}, not ${kindOf(value)}`;
			}
			return `"${field}" ${issue.message}`;
		case 'invalid_value':
			return `"${field}" must be one of ${issue.values.map(String).join(', ')}, not ${kindOf(value)}`;
		case 'too_small':
			if (issue.origin === 'array') {
				return issue.message.startsWith('Too small')
					? `"${field}" needs at least ${issue.minimum} entries`
					: `"${field}" ${issue.message}`;
			}
			if (issue.origin === 'string') return `"${field}" must not be empty`;
			return `"${field}" must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}, not ${String(value)}`;
		case 'too_big':
			return `"${field}" must be at most ${issue.maximum}, not ${String(value)}`;
		case 'custom':
			return `"${field}": ${issue.message}`;
		default:
			return `"${field}" ${issue.message}`;
	}
}

/** Every field name of the format, to suggest the one an author probably meant. */
const KNOWN_FIELDS = [
	'id',
	'title',
	'summary',
	'ceHours',
	'courseType',
	'passingGrade',
	'objectives',
	'prerequisites',
	'instructors',
	'ncbtmbApprovalNumber',
	'floridaProgramNumber',
	'minutes',
	'mediaMinutes',
	'references',
	'required',
	'draft',
	'draw',
	'maxAttempts',
	'questions',
	'type',
	'prompt',
	'options',
	'text',
	'correct',
	'feedback',
	'explanation',
	'answer',
	'pairs',
	'left',
	'right',
	'distractors',
	'items',
	'tolerance',
	'unit',
	'accept',
	'pattern',
	'image',
	'alt',
	'width',
	'height',
	'regions',
	'label',
	'polygon',
	'vignette'
];

function unknownField(key: string): string {
	if (KNOWN_FIELDS.includes(key)) return `"${key}" is not a field of this kind of entry`;
	const guess = KNOWN_FIELDS.map((known) => ({
		known,
		d: distance(key.toLowerCase(), known.toLowerCase())
	}))
		.filter(({ d }) => d <= Math.max(1, Math.floor(key.length / 4)))
		.sort((a, b) => a.d - b.d)[0];
	return `unknown field "${key}"${guess ? ` (did you mean "${guess.known}"?)` : ''}`;
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(
				previous[j]! + 1,
				current[j - 1]! + 1,
				previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
			);
		}
		previous = current;
	}
	return previous[b.length]!;
}
