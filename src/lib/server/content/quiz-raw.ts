import type { FieldPath } from './yaml';

// Checks on a quiz as written, before or whatever the schema says: they run even when a
// question elsewhere has a mistake, so one run reports duplicate ids and missing images too.

type Fields = Record<string, unknown>;
const CHILDREN = ['options', 'pairs', 'items', 'regions'] as const;

/** Every question as written, with its path, those inside case groups included. */
function rawQuestions(data: unknown): { question: Fields; path: FieldPath }[] {
	const questions = (data as Fields | null)?.questions;
	if (!Array.isArray(questions)) return [];
	return questions.flatMap((q: unknown, i) => {
		if (!q || typeof q !== 'object') return [];
		const item = q as Fields;
		const inner = item.type === 'case' && Array.isArray(item.questions) ? item.questions : [];
		return [
			{ question: item, path: ['questions', i] },
			...inner.flatMap((c: unknown, j) =>
				c && typeof c === 'object'
					? [{ question: c as Fields, path: ['questions', i, 'questions', j] }]
					: []
			)
		];
	});
}

/** Ids used twice in one quiz: questions, options, pairs, items and regions share one namespace. */
export function duplicateIds(data: unknown): { path: FieldPath; message: string }[] {
	const seen = new Set<string>();
	const found: { path: FieldPath; message: string }[] = [];
	const visit = (value: unknown, path: FieldPath) => {
		if (typeof value !== 'string') return;
		if (seen.has(value)) {
			found.push({ path, message: `the id "${value}" is used twice in this quiz` });
		}
		seen.add(value);
	};
	for (const { question, path } of rawQuestions(data)) {
		visit(question.id, [...path, 'id']);
		for (const key of CHILDREN) {
			const list = question[key];
			if (!Array.isArray(list)) continue;
			list.forEach((child: unknown, k) =>
				visit((child as Fields | null)?.id, [...path, key, k, 'id'])
			);
		}
	}
	return found;
}

/** Hotspot images named by the quiz that the course's images/ folder does not have. */
export function missingImages(
	data: unknown,
	images: Record<string, string>
): { path: FieldPath; message: string }[] {
	return rawQuestions(data).flatMap(({ question, path }) =>
		question.type === 'hotspot' && typeof question.image === 'string' && !(question.image in images)
			? [
					{
						path: [...path, 'image'],
						message: `"image": there is no ${question.image} in the course folder (hotspot images live in its images/ folder)`
					}
				]
			: []
	);
}
