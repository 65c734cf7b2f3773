import type { QuizDefinition } from '../quiz-schema';
import { proseOnly, tags, tagStrings } from './markup';

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
	return text.match(WORD)?.length ?? 0;
}

// Attributes that are not read as text: file names, settings, and alt text (read only by those
// who cannot see the image, and then instead of the image, not on top of the prose).
const NOT_READ = [
	'src',
	'href',
	'kind',
	'level',
	'id',
	'alt',
	'language',
	'poster',
	'captions',
	'class'
];

/**
 * The words a student reads in a lesson: its prose without frontmatter, scripts, styles,
 * comments or code, plus the text components show (callout titles, captions, flashcards,
 * knowledge checks, body map labels), which lives in their attributes.
 */
export function lessonWords(source: string): number {
	const prose = proseOnly(source);
	const found = tags(prose);
	let text = prose;
	for (const tag of found.toReversed()) {
		text = text.slice(0, tag.offset) + ' ' + text.slice(tag.offset + tag.source.length);
	}
	text = text.replace(/<\/[\w.-]+>/g, ' ');
	const inTags = found.flatMap((tag) => tagStrings(tag, NOT_READ));
	return countWords(text) + inTags.reduce((sum, s) => sum + countWords(s), 0);
}

/**
 * The words of a quiz a student reads while taking it: prompts, vignettes and every choice (not
 * the explanations, which come after). A pool counts the share of it one attempt draws.
 */
export function quizWords(quiz: QuizDefinition): number {
	const itemWords = quiz.questions.map((item) => {
		const questions = item.type === 'case' ? item.questions : [item];
		const texts = [
			...(item.type === 'case' ? [item.title ?? '', item.vignette] : []),
			...questions.flatMap((q) => {
				switch (q.type) {
					case 'single':
					case 'multiple':
						return [q.prompt, ...q.options.map((o) => o.text)];
					case 'matching':
						return [q.prompt, ...q.pairs.flatMap((p) => [p.left, p.right]), ...q.distractors];
					case 'ordering':
						return [q.prompt, ...q.items.map((i) => i.text)];
					case 'hotspot':
						return [q.prompt, ...q.regions.map((r) => r.label)];
					default:
						return [q.prompt];
				}
			})
		];
		return texts.reduce((sum, t) => sum + countWords(t), 0);
	});
	const total = itemWords.reduce((sum, n) => sum + n, 0);
	return quiz.draw === undefined ? total : Math.round((total * quiz.draw) / itemWords.length);
}
