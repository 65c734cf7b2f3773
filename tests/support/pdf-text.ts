import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

/** One run of text on a page, in PDF user space (origin bottom-left, points). */
export interface PdfTextItem {
	page: number;
	str: string;
	/** Baseline origin. */
	x: number;
	y: number;
	width: number;
	/** Font size, i.e. the text matrix's vertical scale. */
	size: number;
}

export interface PdfPageText {
	width: number;
	height: number;
	items: PdfTextItem[];
}

/**
 * Extracts every text run with its position, page by page. Runs in plain Node (vitest,
 * Playwright): the legacy build needs no DOM, falls back to an in-process "fake" worker in Node,
 * and font faces are never loaded because only text, not rendering, is wanted.
 */
export async function pdfTextItems(bytes: Uint8Array): Promise<PdfPageText[]> {
	const doc = await getDocument({
		// pdf.js takes ownership of (detaches) the buffer it is given, so hand it a copy.
		data: bytes.slice(),
		disableFontFace: true,
		useSystemFonts: false,
		isEvalSupported: false,
		verbosity: 0
	}).promise;
	try {
		const pages: PdfPageText[] = [];
		for (let number = 1; number <= doc.numPages; number++) {
			const page = await doc.getPage(number);
			const [, , width, height] = page.view;
			const content = await page.getTextContent();
			const items = content.items
				.filter((item): item is TextItem => 'str' in item)
				.map((item) => {
					const [, , , d, e, f] = item.transform as number[];
					return {
						page: number,
						str: item.str,
						x: e ?? 0,
						y: f ?? 0,
						width: item.width,
						size: d ?? 0
					};
				});
			pages.push({ width: width ?? 0, height: height ?? 0, items });
		}
		return pages;
	} finally {
		await doc.destroy();
	}
}

/** All text of all pages: one line per text run (or visual line), pages separated by a blank line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	const pages = await pdfTextItems(bytes);
	return pages
		.map((page) =>
			page.items
				.map((item) => item.str)
				.filter((str) => str.trim() !== '')
				.join('\n')
		)
		.join('\n\n');
}
