import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

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

export type Weight = keyof typeof FONT_FILES;

export interface FontFile {
	bytes: Uint8Array;
	/** Code points the font has a glyph for. */
	coverage: ReadonlySet<number>;
}

// The TTFs are resolved from node_modules at run time rather than imported, so they are not
// inlined into the server bundle: resolution starts from this module's own URL, which works
// from src/ under vitest/vite and from build/server/chunks/ in the adapter-node output.
// The bytes are immutable, so one process-wide copy is shared by every render.
let fontFiles: Promise<Record<Weight, FontFile>> | undefined;

export function loadFontFiles(): Promise<Record<Weight, FontFile>> {
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

export interface Face {
	font: PDFFont;
	coverage: ReadonlySet<number>;
}

// pdf-lib draws each glyph at its advance width and ignores GPOS positions. So:
// - no 'ccmp': it decomposes precomposed letters (e.g. Vietnamese "ị" into "i" + combining dot)
//   for GPOS to position the mark, which pdf-lib would misplace, garbling text extraction too;
//   precomposed glyphs render correctly as they are;
// - no positioning features (kerning, mark placement): fontkit would compute positions that are
//   then thrown away, and that shaping was most of a certificate's render time.
const FEATURES = {
	ccmp: false,
	kern: false,
	mark: false,
	mkmk: false,
	dist: false,
	abvm: false,
	blwm: false
};

export async function embedFace(doc: PDFDocument, weight: Weight, file: FontFile): Promise<Face> {
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
export function printable(text: string, face: Face): string {
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

/** The distinct characters of the text that the certificate fonts (both weights) cannot draw. */
export async function unprintableCharacters(text: string): Promise<string[]> {
	const { regular, bold } = await loadFontFiles();
	const chars = Array.from(text.normalize('NFC').replace(/[\s\p{Cc}\p{Cf}]/gu, ''));
	const missing = chars.filter((char) => {
		const codePoint = char.codePointAt(0) ?? 0;
		return !regular.coverage.has(codePoint) || !bold.coverage.has(codePoint);
	});
	return [...new Set(missing)];
}
