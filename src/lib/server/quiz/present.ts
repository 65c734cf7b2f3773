import type { CaseGroup, PresentedItem, PresentedQuestion, QuizImage } from '$lib/quiz/types';
import type { Question, QuizDefinition } from '../content/quiz-schema';
import type { AttemptLayout, LayoutEntry } from './layout';

/** Resolves a hotspot image path (relative to the course folder) to the URL the browser loads. */
export type ImageResolver = (path: string) => string | undefined;

/** Thrown when a layout names a question its quiz version does not have. */
export class LayoutMismatchError extends Error {}

/**
 * The attempt as the browser sees it before submission: texts in the order shown, with
 * positions as values. No ids, no key, no explanations, no feedback; polygons only for an
 * author previewing in development.
 */
export function presentAttempt(
	definition: QuizDefinition,
	layout: AttemptLayout,
	images: ImageResolver,
	options: { preview: boolean } = { preview: false }
): PresentedItem[] {
	return groupByCase(definition, layout, (entry, question, number) =>
		present(question, entry, number, images, options.preview)
	);
}

/**
 * Walks a layout in order, gathering the questions of a case group under its vignette. Shared
 * by the quiz form and the review, which differ only in how one question is shown.
 */
export function groupByCase<Q>(
	definition: QuizDefinition,
	layout: AttemptLayout,
	show: (entry: LayoutEntry, question: Question, number: number) => Q
): (Q | CaseGroup<Q>)[] {
	const cases = new Map(
		definition.questions.flatMap((item) => (item.type === 'case' ? [[item.id, item]] : []))
	);
	const questions = new Map(
		definition.questions.flatMap((item) =>
			item.type === 'case'
				? item.questions.map((q) => [q.id, q] as const)
				: [[item.id, item] as const]
		)
	);
	const out: (Q | CaseGroup<Q>)[] = [];
	let group: CaseGroup<Q> | undefined;
	let groupCaseId: string | undefined;
	layout.forEach((entry, index) => {
		const question = questions.get(entry.questionId);
		if (!question) throw new LayoutMismatchError(`No question ${entry.questionId} in this quiz.`);
		const shown = show(entry, question, index + 1);
		const caseItem = entry.caseId ? cases.get(entry.caseId) : undefined;
		if (!caseItem) {
			group = undefined;
			out.push(shown);
			return;
		}
		if (!group || groupCaseId !== caseItem.id) {
			groupCaseId = caseItem.id;
			group = {
				type: 'case',
				key: `case-${index + 1}`,
				title: caseItem.title ?? null,
				vignette: caseItem.vignette,
				questions: []
			};
			out.push(group);
		}
		group.questions.push(shown);
	});
	return out;
}

function present(
	question: Question,
	entry: LayoutEntry,
	number: number,
	images: ImageResolver,
	preview: boolean
): PresentedQuestion {
	const base = { name: `q${number}`, number, prompt: question.prompt };
	const positions = (texts: (string | undefined)[]) =>
		texts.map((text, i) => ({ value: String(i + 1), text: text ?? '' }));
	switch (question.type) {
		case 'single':
		case 'multiple':
			return {
				...base,
				type: question.type,
				options: positions(
					entry.optionIds.map((id) => question.options.find((o) => o.id === id)?.text)
				)
			};
		case 'true-false':
			return { ...base, type: 'true-false', options: positions(['True', 'False']) };
		case 'matching':
			return {
				...base,
				type: 'matching',
				rows: (entry.rowIds ?? []).map((id, i) => ({
					name: `${base.name}-${i + 1}`,
					text: question.pairs.find((p) => p.id === id)?.left ?? ''
				})),
				choices: positions(entry.optionIds.map((key) => rightText(question, key)))
			};
		case 'ordering':
			return {
				...base,
				type: 'ordering',
				items: entry.optionIds.map((id, i) => ({
					name: `${base.name}-${i + 1}`,
					text: question.items.find((item) => item.id === id)?.text ?? ''
				}))
			};
		case 'numeric':
			return { ...base, type: 'numeric', unit: question.unit ?? null };
		case 'short-text':
			return { ...base, type: 'short-text' };
		case 'hotspot':
			return {
				...base,
				type: 'hotspot',
				image: hotspotImage(question, images),
				regions: positions(
					entry.optionIds.map((id) => question.regions.find((r) => r.id === id)?.label)
				),
				...(preview
					? { preview: question.regions.map((r) => ({ label: r.label, polygon: r.polygon })) }
					: {})
			};
	}
}

/** The text of a matching question's right-hand choice: a pair's right side or a distractor. */
export function rightText(question: Extract<Question, { type: 'matching' }>, key: string): string {
	const distractor = /^distractor:(\d+)$/.exec(key);
	if (distractor) return question.distractors[Number(distractor[1])] ?? '';
	return question.pairs.find((p) => p.id === key)?.right ?? '';
}

export function hotspotImage(
	question: Extract<Question, { type: 'hotspot' }>,
	images: ImageResolver
): QuizImage | null {
	const src = images(question.image);
	return src ? { src, alt: question.alt, width: question.width, height: question.height } : null;
}
