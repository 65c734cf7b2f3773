import { PDFHexString, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';
import { fitText, LINE_HEIGHT, textWidth, type FitOptions, type Fitted } from './fit';
import { printable, type Face } from './fonts';

/** Drawing primitives shared by the certificate and the transcript: text never leaves its box. */

export type Align = 'center' | 'left' | 'right';

export interface TextStyle {
	face: Face;
	color: RGB;
	size: number;
	/** Smallest size the text may shrink to; by default it does not shrink below 60 %. */
	minSize?: number;
}

export interface TextBox {
	/** Centre, left edge or right edge of the box, depending on align (default centre). */
	x: number;
	/** Baseline of the first line. */
	y: number;
	align?: Align;
	maxWidth: number;
}

export interface Extent {
	x: number;
	y: number;
	width: number;
	size: number;
}

/** Draws fitted lines downward from the first baseline; returns the extent of each line. */
function drawLines(page: PDFPage, fitted: Fitted, style: TextStyle, box: TextBox): Extent[] {
	const { font } = style.face;
	return fitted.lines.map((line, index) => {
		const width = textWidth(font, line, fitted.size);
		const x =
			box.align === 'left' ? box.x : box.align === 'right' ? box.x - width : box.x - width / 2;
		const y = box.y - index * fitted.size * LINE_HEIGHT;
		page.drawText(line, { x, y, size: fitted.size, font, color: style.color });
		return { x, y, width, size: fitted.size };
	});
}

/** Draws one line of text, shrunk (and as a last resort ellipsized) to the box's width. */
export function drawLine(page: PDFPage, text: string, style: TextStyle, box: TextBox): Extent {
	const fitted = fitText(printable(text, style.face), style.face.font, {
		maxWidth: box.maxWidth,
		maxSize: style.size,
		minSize: style.minSize ?? style.size * 0.6
	});
	return drawLines(page, fitted, style, box)[0] ?? { x: box.x, y: box.y, width: 0, size: 0 };
}

/** Draws text wrapped onto at most maxLines lines from the first baseline; returns the lines. */
export function drawParagraph(
	page: PDFPage,
	text: string,
	style: TextStyle & { maxLines: number },
	box: TextBox
): Extent[] {
	const fitted = fitText(printable(text, style.face), style.face.font, {
		maxWidth: box.maxWidth,
		maxSize: style.size,
		minSize: style.minSize ?? style.size * 0.6,
		maxLines: style.maxLines
	});
	return drawLines(page, fitted, style, box);
}

/** Fits the text into a horizontal band and centres its lines vertically in it. */
export function drawInBand(
	page: PDFPage,
	text: string,
	style: TextStyle & { maxLines: number; tiers?: FitOptions['tiers'] },
	band: { top: number; bottom: number; x: number; maxWidth: number }
): void {
	const fitted = fitText(printable(text, style.face), style.face.font, {
		maxWidth: band.maxWidth,
		maxSize: style.size,
		minSize: style.minSize ?? style.size * 0.6,
		maxLines: style.maxLines,
		maxHeight: band.top - band.bottom,
		tiers: style.tiers
	});
	const leading = fitted.size * LINE_HEIGHT;
	// Centre the block between the cap height (~0.71 em) of the first line and the last baseline.
	const blockHeight = (fitted.lines.length - 1) * leading + fitted.size * 0.71;
	const firstBaseline = (band.top + band.bottom) / 2 + blockHeight / 2 - fitted.size * 0.71;
	drawLines(page, fitted, style, { x: band.x, y: firstBaseline, maxWidth: band.maxWidth });
}

/** Draws the QR code as one vector path of filled module runs (no raster, no seams). */
export function drawQrCode(
	page: PDFPage,
	url: string,
	box: { x: number; y: number; size: number; color: RGB }
): void {
	const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
	let path = '';
	for (let row = 0; row < modules.size; row++) {
		for (let col = 0; col < modules.size;) {
			if (!modules.get(row, col)) {
				col++;
				continue;
			}
			const start = col;
			while (col < modules.size && modules.get(row, col)) col++;
			path += `M${start} ${row}h${col - start}v1h${start - col}z`;
		}
	}
	// SVG coordinates run downward from (x, y): anchor at the box's top-left corner.
	page.drawSvgPath(path, {
		x: box.x,
		y: box.y + box.size,
		scale: box.size / modules.size,
		color: box.color,
		borderWidth: 0
	});
}

/** Adds a clickable URI link over a rectangle of the page. */
export function addLink(page: PDFPage, href: string, rect: [number, number, number, number]) {
	const { context } = page.doc;
	// Written as a hex string: pdf-lib does not escape literal strings, and href is ASCII.
	const uri = Array.from(href, (char) => char.charCodeAt(0).toString(16).padStart(2, '0')).join('');
	const link = context.register(
		context.obj({
			Type: 'Annot',
			Subtype: 'Link',
			Rect: rect,
			Border: [0, 0, 0],
			A: { Type: 'Action', S: 'URI', URI: PDFHexString.of(uri) }
		})
	);
	page.node.addAnnot(link);
}

/** The URL as pure ASCII (punycode host, percent-encoded path); only http(s) is accepted. */
export function linkHref(address: string): string {
	const url = new URL(address);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error(`Link must be http(s): ${address}`);
	}
	return url.href;
}
