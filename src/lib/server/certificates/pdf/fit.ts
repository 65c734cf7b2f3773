import type { PDFFont } from 'pdf-lib';

// Measuring runs the font's full text layout, and fitting measures the same candidate lines at
// many sizes: widths are proportional to size, so each text is laid out once per font.
const unitWidths = new WeakMap<PDFFont, Map<string, number>>();

/** The width of the text in points at the size, measured once per font and text. */
export function textWidth(font: PDFFont, text: string, size: number): number {
	let widths = unitWidths.get(font);
	if (!widths) unitWidths.set(font, (widths = new Map()));
	let unit = widths.get(text);
	if (unit === undefined) widths.set(text, (unit = font.widthOfTextAtSize(text, 1)));
	return unit * size;
}

export interface FitOptions {
	maxWidth: number;
	maxSize: number;
	minSize: number;
	maxLines?: number;
	/** Height available for all lines; limits the number of lines together with maxLines. */
	maxHeight?: number;
	/**
	 * Shrink on fewer lines before wrapping onto more (names), instead of wrapping first (titles):
	 * each tier allows up to its number of lines down to its size, tried in order. They replace
	 * maxLines and minSize.
	 */
	tiers?: { maxLines: number; minSize: number }[];
}

export interface Fitted {
	size: number;
	lines: string[];
}

export const LINE_HEIGHT = 1.22;
const SIZE_STEP = 0.5;

/** Largest number of leading characters that fit (at least one, so wrapping always progresses). */
function fittingPrefix(chars: string[], fits: (text: string) => boolean): number {
	let low = 1;
	let high = chars.length;
	while (low < high) {
		const mid = Math.ceil((low + high) / 2);
		if (fits(chars.slice(0, mid).join(''))) low = mid;
		else high = mid - 1;
	}
	return low;
}

/**
 * Greedy word wrap; a word wider than the line is broken between characters. Stops as soon as
 * more than `limit` lines are needed (returning limit + 1 lines), so hopeless attempts are cheap.
 */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number, limit: number) {
	const fits = (candidate: string) => textWidth(font, candidate, size) <= maxWidth;
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const candidate = line ? `${line} ${word}` : word;
		if (fits(candidate)) {
			line = candidate;
			continue;
		}
		if (line) lines.push(line);
		line = word;
		while (!fits(line) && lines.length <= limit) {
			const chars = Array.from(line);
			const cut = fittingPrefix(chars, fits);
			lines.push(chars.slice(0, cut).join(''));
			line = chars.slice(cut).join('');
		}
		if (lines.length > limit) return lines.slice(0, limit + 1);
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * Re-wraps onto the same number of lines at the narrowest width that still allows it, so a
 * two-line title reads "Medical Massage for Chronic Low / Back Pain: Assessment and Treatment"
 * rather than leaving one word alone on the last line.
 */
function balance(text: string, font: PDFFont, size: number, lines: string[], maxWidth: number) {
	if (lines.length < 2) return lines;
	// Never narrower than the widest word, so balancing cannot break a word.
	let narrow = Math.max(...text.split(' ').map((word) => textWidth(font, word, size)));
	let wide = maxWidth;
	let best = lines;
	for (let step = 0; step < 12 && wide - narrow > 1; step++) {
		const width = (narrow + wide) / 2;
		const attempt = wrap(text, font, size, width, lines.length);
		if (attempt.length <= lines.length) {
			best = attempt;
			wide = width;
		} else {
			narrow = width;
		}
	}
	return best;
}

/** Cuts the text and appends an ellipsis so that it fits. */
function ellipsize(text: string, font: PDFFont, size: number, maxWidth: number): string {
	const chars = Array.from(text);
	const fits = (candidate: string) => textWidth(font, `${candidate.trimEnd()}…`, size) <= maxWidth;
	const keep = fits(chars.slice(0, 1).join('')) ? fittingPrefix(chars, fits) : 0;
	return `${chars.slice(0, keep).join('').trimEnd()}…`;
}

/**
 * Picks the largest font size (and line breaks) at which the text fits the box. It never goes
 * below minSize; as a last resort the final line is cut with an ellipsis, so that no input,
 * however long, can draw outside the box.
 */
export function fitText(text: string, font: PDFFont, options: FitOptions): Fitted {
	const { maxWidth, maxSize, maxHeight = Infinity } = options;
	const tiers = options.tiers ?? [{ maxLines: options.maxLines ?? 1, minSize: options.minSize }];
	const linesAt = (size: number, maxLines: number) =>
		Math.max(1, Math.min(maxLines, Math.floor(maxHeight / (size * LINE_HEIGHT))));
	const attempts = tiers.flatMap(({ maxLines, minSize }) => {
		const sizes: { size: number; lines: number }[] = [];
		for (let size = maxSize; size >= minSize; size -= SIZE_STEP) {
			sizes.push({ size, lines: linesAt(size, maxLines) });
		}
		return sizes;
	});
	// Width is proportional to size: skip attempts that cannot fit even if every line were full
	// (with a little slack for the spaces dropped at line breaks).
	const unitWidth = textWidth(font, text, 1);
	for (const { size, lines: limit } of attempts) {
		if (unitWidth * size > limit * maxWidth * 1.1 + size) continue;
		const lines = wrap(text, font, size, maxWidth, limit);
		if (lines.length <= limit) return { size, lines: balance(text, font, size, lines, maxWidth) };
	}

	const last = tiers.at(-1) ?? { maxLines: 1, minSize: options.minSize };
	const limit = linesAt(last.minSize, last.maxLines);
	const lines = wrap(text, font, last.minSize, maxWidth, limit);
	const kept = lines.slice(0, limit);
	if (lines.length > limit) {
		kept[limit - 1] = ellipsize(`${kept[limit - 1]} ${lines[limit]}`, font, last.minSize, maxWidth);
	}
	return { size: last.minSize, lines: kept };
}
