import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFHexString, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import QRCode from 'qrcode';

export interface CertificatePrint {
	/** Unguessable certificate code, printed. */
	code: string;
	/** Any Unicode name; printed as-is (it is drawn as glyphs, never interpreted as markup). */
	holderName: string;
	courseTitle: string;
	/** e.g. 1.5 → "1.5 CE hours", 1 → "1 CE hour". */
	ceHours: number;
	/** "Home Study" | "Live" | "Webinar" */
	courseType: string;
	/** 'YYYY-MM-DD', already in the organisation's time zone. */
	completionDate: string;
	/** ISO timestamp of issue; the PDF's fixed creation/modification date. */
	issuedAt: string;
	/** Absolute URL of the public verification page; printed and encoded in the QR code. */
	verifyUrl: string;
	providerName: string;
	providerContact: string;
}

// Landscape US Letter, in PDF points.
const PAGE_WIDTH = 792;
const PAGE_HEIGHT = 612;
const CENTER_X = PAGE_WIDTH / 2;
const BODY_WIDTH = 600;

const NAVY = rgb(0.1, 0.19, 0.34);
const GOLD = rgb(0.71, 0.57, 0.29);
const INK = rgb(0.13, 0.14, 0.17);
const MUTED = rgb(0.4, 0.42, 0.46);

// Fixed metadata: together with the seeded RNG pdf-lib uses for resource names, this makes the
// output a pure function of the input (no clock, no random document ID; pdf-lib writes no /ID).
const PRODUCER = 'MMPA Academy';

// Subset fonts are conventionally tagged "ABCDEF+"; fixed tags keep the bytes reproducible
// instead of relying on pdf-lib's own (seeded, order-dependent) "-1234" name suffix.
const FONT_FILES = {
	regular: {
		file: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
		name: 'MMPAAA+NotoSans-Regular'
	},
	bold: {
		file: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
		name: 'MMPAAB+NotoSans-Bold'
	}
} as const;

type Weight = keyof typeof FONT_FILES;

interface FontFile {
	bytes: Uint8Array;
	/** Code points the font has a glyph for. */
	coverage: ReadonlySet<number>;
}

// The TTFs are resolved from node_modules at run time rather than imported, so they are not
// inlined into the server bundle: resolution starts from this module's own URL, which works
// from src/ under vitest/vite and from build/server/chunks/ in the adapter-node output.
// The bytes are immutable, so one process-wide copy is shared by every render.
let fontFiles: Promise<Record<Weight, FontFile>> | undefined;

function loadFontFiles(): Promise<Record<Weight, FontFile>> {
	fontFiles ??= (async () => {
		const require = createRequire(import.meta.url);
		const read = async (weight: Weight): Promise<FontFile> => {
			const file = new Uint8Array(await readFile(require.resolve(FONT_FILES[weight].file)));
			const bytes = padGlyphs(file);
			return { bytes, coverage: new Set(fontkit.create(bytes).characterSet) };
		};
		const [regular, bold] = await Promise.all([read('regular'), read('bold')]);
		return { regular, bold };
	})().catch((error: unknown) => {
		// Do not cache a failure (e.g. a transient I/O error): the next render retries.
		fontFiles = undefined;
		throw error;
	});
	return fontFiles;
}

/**
 * Returns the font with every glyph padded to a 4-byte boundary, as the TrueType spec recommends.
 * Why: fontkit's subsetter (used by pdf-lib) copies glyphs byte for byte and, for a subset this
 * small, writes the short `loca` format, which can only store even offsets. These Noto Sans builds
 * have odd-length glyphs, so without padding most subset glyphs are misaddressed and render blank
 * or garbled (text extraction still works, which hides the bug). A font without the problem is
 * returned unchanged.
 */
export function padGlyphs(font: Uint8Array): Uint8Array {
	const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
	const numTables = view.getUint16(4);
	const records = Array.from({ length: numTables }, (_, index) => {
		const at = 12 + index * 16;
		const tag = String.fromCharCode(...font.subarray(at, at + 4));
		return {
			tag,
			data: font.subarray(view.getUint32(at + 8), view.getUint32(at + 8) + view.getUint32(at + 12))
		};
	});
	const table = (tag: string) => {
		const found = records.find((record) => record.tag === tag);
		if (!found) throw new Error(`Font has no ${tag} table`);
		return found;
	};
	const [head, maxp, loca, glyf] = [table('head'), table('maxp'), table('loca'), table('glyf')];
	const tableView = (data: Uint8Array) =>
		new DataView(data.buffer, data.byteOffset, data.byteLength);
	const longLoca = tableView(head.data).getInt16(50) === 1;
	const numGlyphs = tableView(maxp.data).getUint16(4);
	const locaView = tableView(loca.data);
	const offsetOf = (glyph: number) =>
		longLoca ? locaView.getUint32(glyph * 4) : locaView.getUint16(glyph * 2) * 2;

	const padded = (length: number) => (length + 3) & ~3;
	const glyphs = Array.from({ length: numGlyphs }, (_, glyph) =>
		glyf.data.subarray(offsetOf(glyph), offsetOf(glyph + 1))
	);
	if (glyphs.every((data) => data.length === padded(data.length))) return font;

	const newGlyf = new Uint8Array(glyphs.reduce((sum, data) => sum + padded(data.length), 0));
	const newLoca = new Uint8Array((numGlyphs + 1) * 4);
	let offset = 0;
	glyphs.forEach((data, glyph) => {
		tableView(newLoca).setUint32(glyph * 4, offset);
		newGlyf.set(data, offset);
		offset += padded(data.length);
	});
	tableView(newLoca).setUint32(numGlyphs * 4, offset);
	const newHead = head.data.slice();
	tableView(newHead).setUint32(8, 0); // checkSumAdjustment, recomputed below
	tableView(newHead).setInt16(50, 1); // long loca offsets
	glyf.data = newGlyf;
	loca.data = newLoca;
	head.data = newHead;

	// Same directory, tables re-laid out 4-byte aligned with fresh checksums.
	const headerLength = 12 + numTables * 16;
	const out = new Uint8Array(
		records.reduce((sum, record) => sum + padded(record.data.length), headerLength)
	);
	const outView = tableView(out);
	out.set(font.subarray(0, 12));
	const checksum = (from: number, length: number) => {
		let sum = 0;
		for (let at = from; at < from + padded(length); at += 4) {
			sum = (sum + outView.getUint32(at)) >>> 0;
		}
		return sum;
	};
	let at = headerLength;
	records.forEach((record, index) => {
		out.set(record.data, at);
		const entry = 12 + index * 16;
		out.set(font.subarray(entry, entry + 4), entry);
		outView.setUint32(entry + 4, checksum(at, record.data.length));
		outView.setUint32(entry + 8, at);
		outView.setUint32(entry + 12, record.data.length);
		if (record === head) head.data = out.subarray(at, at + record.data.length);
		at += padded(record.data.length);
	});
	tableView(head.data).setUint32(8, (0xb1b0afba - checksum(0, out.length)) >>> 0);
	return out;
}

/** Longest text considered for printing; see printable(). */
const MAX_CHARS = 1000;

interface Face {
	font: PDFFont;
	coverage: ReadonlySet<number>;
}

// No 'ccmp': it decomposes precomposed letters (e.g. Vietnamese "ị" into "i" + combining dot)
// to position marks with GPOS, but pdf-lib ignores GPOS positions, so the mark would be misplaced
// and text extraction garbled. Precomposed glyphs render correctly as they are.
const FEATURES = { ccmp: false };

async function embedFace(doc: PDFDocument, weight: Weight, file: FontFile): Promise<Face> {
	const font = await doc.embedFont(file.bytes, {
		subset: true,
		customName: FONT_FILES[weight].name,
		features: FEATURES
	});
	return { font, coverage: file.coverage };
}

/**
 * Makes arbitrary user text safe to draw with the face. Noto Sans covers Latin, Greek, Cyrillic
 * and Vietnamese, but not e.g. CJK, Arabic or emoji. Such characters would be drawn as .notdef,
 * which pdf-lib leaves out of the font's width table, so viewers draw it 1000 units wide while
 * pdf-lib measured it at 600 and text could overflow; it also extracts as U+0000. They are
 * therefore replaced by U+FFFD (which the font has) so that measuring stays exact and the gap
 * is visible. Known limitation until a fallback font (e.g. Noto Sans CJK) is embedded.
 */
function printable(text: string, face: Face): string {
	const cleaned = text
		// NFC so that decomposed input uses the precomposed glyphs (see FEATURES).
		.normalize('NFC')
		.replace(/\s+/gu, ' ')
		.replace(/[\p{Cc}\p{Cf}]/gu, '')
		.trim();
	// Bounds the cost of fitting absurd input; nothing this long fits any box uncut anyway.
	return Array.from(cleaned)
		.slice(0, MAX_CHARS)
		.map((char) => (face.coverage.has(char.codePointAt(0) ?? 0) ? char : '\uFFFD'))
		.join('');
}

interface FitOptions {
	maxWidth: number;
	maxSize: number;
	minSize: number;
	maxLines?: number;
	/** Height available for all lines; limits the number of lines together with maxLines. */
	maxHeight?: number;
	/** Shrink on fewer lines before wrapping onto more (names), instead of wrapping first (titles). */
	shrinkBeforeWrap?: boolean;
}

interface Fitted {
	size: number;
	lines: string[];
}

const LINE_HEIGHT = 1.22;
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
	const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= maxWidth;
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
	let narrow = Math.max(...text.split(' ').map((word) => font.widthOfTextAtSize(word, size)));
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
	const fits = (candidate: string) =>
		font.widthOfTextAtSize(`${candidate.trimEnd()}…`, size) <= maxWidth;
	const keep = fits(chars.slice(0, 1).join('')) ? fittingPrefix(chars, fits) : 0;
	return `${chars.slice(0, keep).join('').trimEnd()}…`;
}

/**
 * Picks the largest font size (and line breaks) at which the text fits the box. It never goes
 * below minSize; as a last resort the final line is cut with an ellipsis, so that no input,
 * however long, can draw outside the box.
 */
export function fitText(text: string, font: PDFFont, options: FitOptions): Fitted {
	const { maxWidth, maxSize, minSize, maxHeight = Infinity, shrinkBeforeWrap = false } = options;
	const maxLines = options.maxLines ?? 1;
	const linesAt = (size: number) =>
		Math.max(1, Math.min(maxLines, Math.floor(maxHeight / (size * LINE_HEIGHT))));
	const sizes: number[] = [];
	for (let size = maxSize; size >= minSize; size -= SIZE_STEP) sizes.push(size);

	const attempts = shrinkBeforeWrap
		? Array.from({ length: maxLines }, (_, i) =>
				sizes.map((size) => ({ size, lines: Math.min(i + 1, linesAt(size)) }))
			).flat()
		: sizes.map((size) => ({ size, lines: linesAt(size) }));
	// Width is proportional to size: skip attempts that cannot fit even if every line were full
	// (with a little slack for the spaces dropped at line breaks).
	const unitWidth = font.widthOfTextAtSize(text, 1);
	for (const { size, lines: limit } of attempts) {
		if (unitWidth * size > limit * maxWidth * 1.1 + size) continue;
		const lines = wrap(text, font, size, maxWidth, limit);
		if (lines.length <= limit) return { size, lines: balance(text, font, size, lines, maxWidth) };
	}

	const limit = linesAt(minSize);
	const lines = wrap(text, font, minSize, maxWidth, limit);
	const kept = lines.slice(0, limit);
	if (lines.length > limit) {
		kept[limit - 1] = ellipsize(`${kept[limit - 1]} ${lines[limit]}`, font, minSize, maxWidth);
	}
	return { size: minSize, lines: kept };
}

type Align = 'center' | 'left' | 'right';

interface TextStyle {
	face: Face;
	color: RGB;
	size: number;
	/** Smallest size the text may shrink to; by default it does not shrink below 60 %. */
	minSize?: number;
}

interface TextBox {
	/** Centre, left edge or right edge of the box, depending on align. */
	x: number;
	/** Baseline of the first line. */
	y: number;
	align?: Align;
	maxWidth?: number;
}

/** Draws fitted lines downward from the first baseline; returns the extent of the first line. */
function drawLines(page: PDFPage, fitted: Fitted, style: TextStyle, box: TextBox) {
	const { font } = style.face;
	const extents = fitted.lines.map((line, index) => {
		const width = font.widthOfTextAtSize(line, fitted.size);
		const x =
			box.align === 'left' ? box.x : box.align === 'right' ? box.x - width : box.x - width / 2;
		const y = box.y - index * fitted.size * LINE_HEIGHT;
		page.drawText(line, { x, y, size: fitted.size, font, color: style.color });
		return { x, y, width, size: fitted.size };
	});
	return extents[0] ?? { x: box.x, y: box.y, width: 0, size: fitted.size };
}

/** Draws one line of text, shrunk (and as a last resort ellipsized) to the box's width. */
function drawLine(page: PDFPage, text: string, style: TextStyle, box: TextBox) {
	const fitted = fitText(printable(text, style.face), style.face.font, {
		maxWidth: box.maxWidth ?? BODY_WIDTH,
		maxSize: style.size,
		minSize: style.minSize ?? style.size * 0.6
	});
	return drawLines(page, fitted, style, box);
}

/** Fits the text into a horizontal band and centres its lines vertically in it. */
function drawInBand(
	page: PDFPage,
	text: string,
	style: TextStyle & { maxLines: number; shrinkBeforeWrap?: boolean },
	band: { top: number; bottom: number }
): void {
	const fitted = fitText(printable(text, style.face), style.face.font, {
		maxWidth: BODY_WIDTH,
		maxSize: style.size,
		minSize: style.minSize ?? style.size * 0.6,
		maxLines: style.maxLines,
		maxHeight: band.top - band.bottom,
		shrinkBeforeWrap: style.shrinkBeforeWrap
	});
	const leading = fitted.size * LINE_HEIGHT;
	// Centre the block between the cap height (~0.71 em) of the first line and the last baseline.
	const blockHeight = (fitted.lines.length - 1) * leading + fitted.size * 0.71;
	const firstBaseline = (band.top + band.bottom) / 2 + blockHeight / 2 - fitted.size * 0.71;
	drawLines(page, fitted, style, { x: CENTER_X, y: firstBaseline });
}

/** Draws a centred line made of runs in different faces (short, fixed texts only: no fitting). */
function drawRuns(
	page: PDFPage,
	runs: { text: string; face: Face }[],
	style: { size: number; color: RGB; y: number }
): void {
	const widths = runs.map((run) => run.face.font.widthOfTextAtSize(run.text, style.size));
	let x = CENTER_X - widths.reduce((sum, width) => sum + width, 0) / 2;
	runs.forEach((run, index) => {
		page.drawText(run.text, {
			x,
			y: style.y,
			size: style.size,
			font: run.face.font,
			color: style.color
		});
		x += widths[index] ?? 0;
	});
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;

/** 'YYYY-MM-DD' → "November 28, 2026", independent of the machine's locale and time zone. */
export function formatCompletionDate(isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	const [year, month, day] = (match?.slice(1) ?? []).map(Number);
	const month0 = (month ?? 0) - 1;
	const valid =
		year !== undefined &&
		day !== undefined &&
		new Date(Date.UTC(year, month0, day)).getUTCDate() === day &&
		month0 >= 0 &&
		month0 < 12;
	if (!valid) throw new Error(`Invalid completion date: ${isoDate}`);
	return `${MONTHS[month0]} ${day}, ${year}`;
}

/** 1.5 → "1.5 CE hours", 1 → "1 CE hour". */
export function formatCeHours(hours: number): string {
	if (!Number.isFinite(hours) || hours < 0) throw new Error(`Invalid CE hours: ${hours}`);
	const rounded = Math.round(hours * 100) / 100;
	return `${rounded} CE ${rounded === 1 ? 'hour' : 'hours'}`;
}

/** "Home Study" → "home-study course", "Live" → "live course", "Webinar" → "webinar". */
function courseNoun(courseType: string): string {
	const kind = courseType.trim().toLowerCase().replace(/\s+/g, '-');
	return kind === 'webinar' ? 'webinar' : `${kind} course`;
}

/** Draws the QR code as one vector path of filled module runs (no raster, no seams). */
function drawQrCode(page: PDFPage, url: string, box: { x: number; y: number; size: number }) {
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
		color: INK,
		borderWidth: 0
	});
}

/** Adds a clickable URI link over a rectangle of the page. */
function addLink(page: PDFPage, href: string, rect: [number, number, number, number]) {
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

function verificationHref(verifyUrl: string): string {
	const url = new URL(verifyUrl);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error(`Verification URL must be http(s): ${verifyUrl}`);
	}
	// The serialised URL is pure ASCII (punycode host, percent-encoded path).
	return url.href;
}

export async function renderCertificatePdf(print: CertificatePrint): Promise<Uint8Array> {
	const issuedAt = new Date(print.issuedAt);
	if (Number.isNaN(issuedAt.getTime())) throw new Error(`Invalid issuedAt: ${print.issuedAt}`);
	const completed = formatCompletionDate(print.completionDate);
	const hours = formatCeHours(print.ceHours);
	const href = verificationHref(print.verifyUrl);

	const doc = await PDFDocument.create({ updateMetadata: false });
	doc.registerFontkit(fontkit);
	const files = await loadFontFiles();
	const regular = await embedFace(doc, 'regular', files.regular);
	const bold = await embedFace(doc, 'bold', files.bold);

	doc.setTitle(`Certificate ${print.code}`);
	doc.setSubject('Certificate of Completion');
	doc.setAuthor(print.providerName);
	doc.setProducer(PRODUCER);
	doc.setCreator(PRODUCER);
	doc.setCreationDate(issuedAt);
	doc.setModificationDate(issuedAt);
	doc.setLanguage('en-US');

	const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
	const rule = (y: number, halfWidth: number, color: RGB, thickness: number) =>
		page.drawLine({
			start: { x: CENTER_X - halfWidth, y },
			end: { x: CENTER_X + halfWidth, y },
			color,
			thickness
		});

	// Frame: a strong outer rule and a fine inner one.
	page.drawRectangle({ x: 20, y: 20, width: 752, height: 572, borderColor: NAVY, borderWidth: 3 });
	page.drawRectangle({ x: 29, y: 29, width: 734, height: 554, borderColor: GOLD, borderWidth: 1 });

	const heading = { face: bold, color: NAVY, size: 13 };
	drawLine(page, print.providerName.toUpperCase(), heading, { x: CENTER_X, y: 536 });
	rule(522, 36, GOLD, 1.5);
	drawLine(page, 'Certificate of Completion', { ...heading, size: 34 }, { x: CENTER_X, y: 464 });

	const lead = { face: regular, color: MUTED, size: 13 };
	drawLine(page, 'This certifies that', lead, { x: CENTER_X, y: 424 });
	// One line if at all possible; a second only once the name is down to the minimum size.
	const name = {
		face: bold,
		color: INK,
		size: 30,
		minSize: 16,
		maxLines: 2,
		shrinkBeforeWrap: true
	};
	drawInBand(page, print.holderName, name, { top: 412, bottom: 356 });
	rule(346, 220, GOLD, 0.75);
	drawLine(page, `has successfully completed the ${courseNoun(print.courseType)}`, lead, {
		x: CENTER_X,
		y: 320
	});
	// Wraps first (up to three lines), then shrinks.
	const title = { face: bold, color: NAVY, size: 20, minSize: 11, maxLines: 3 };
	drawInBand(page, print.courseTitle, title, { top: 306, bottom: 230 });
	drawRuns(
		page,
		[
			{ text: hours, face: bold },
			{ text: `   ·   Completed ${completed}`, face: regular }
		],
		{ size: 13, color: INK, y: 200 }
	);

	// Signature line; a signature image goes above it in a later issue.
	page.drawLine({ start: { x: 80, y: 118 }, end: { x: 320, y: 118 }, color: INK, thickness: 0.75 });
	const small = { face: regular, color: MUTED, size: 8.5 };
	const signatureBox = { x: 200, maxWidth: 240 };
	drawLine(
		page,
		print.providerName,
		{ face: bold, color: INK, size: 10 },
		{ ...signatureBox, y: 104 }
	);
	drawLine(page, 'Authorized signature', small, { ...signatureBox, y: 91 });

	// Verification: code and URL beside the QR code; the QR code and the URL text are links.
	const qr = { x: 634, y: 56, size: 86 };
	drawQrCode(page, href, qr);
	addLink(page, href, [qr.x, qr.y, qr.x + qr.size, qr.y + qr.size]);
	const column = { x: qr.x - 14, align: 'right', maxWidth: 250 } as const;
	drawLine(page, 'Certificate code', small, { ...column, y: 128 });
	drawLine(
		page,
		print.code,
		{ face: bold, color: INK, size: 12, minSize: 6 },
		{ ...column, y: 113 }
	);
	drawLine(page, 'Verify this certificate at', small, { ...column, y: 90 });
	const url = drawLine(
		page,
		print.verifyUrl,
		{ face: regular, color: INK, size: 9.5, minSize: 5 },
		{
			...column,
			y: 76
		}
	);
	addLink(page, href, [url.x, url.y - url.size * 0.3, url.x + url.width, url.y + url.size]);

	drawLine(page, print.providerContact, small, { x: CENTER_X, y: 40, maxWidth: 680 });

	return doc.save();
}
