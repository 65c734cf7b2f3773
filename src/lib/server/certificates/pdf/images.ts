import { LineCapStyle, rgb, type PDFPage, type RGB } from 'pdf-lib';

/**
 * The signature and logo printed on certificates: a PNG or JPEG (a scanned signature), or an SVG
 * drawn as vectors. SVG is read in a deliberately small subset, `<path>` elements with plain
 * presentation attributes inside `<g>` groups, because pdf-lib draws SVG paths but has no SVG
 * renderer; anything outside the subset is refused with a message instead of printing wrongly.
 */

export const IMAGE_TYPES = {
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.svg': 'image/svg+xml'
} as const;

export type ImageMediaType = (typeof IMAGE_TYPES)[keyof typeof IMAGE_TYPES];

export function isImageMediaType(value: string): value is ImageMediaType {
	return Object.values(IMAGE_TYPES).includes(value as ImageMediaType);
}

export interface VectorPath {
	d: string;
	fill: RGB | null;
	stroke: RGB | null;
	strokeWidth: number;
	lineCap: LineCapStyle;
}

export type ParsedImage =
	| { kind: 'png' | 'jpeg'; bytes: Uint8Array; width: number; height: number }
	| { kind: 'vector'; viewBox: [number, number, number, number]; paths: VectorPath[] };

/** An image that cannot be printed; the message says why. */
export class ImageError extends Error {
	override name = 'ImageError';
}

export function parseImage(bytes: Uint8Array, mediaType: ImageMediaType): ParsedImage {
	switch (mediaType) {
		case 'image/png':
			return { kind: 'png', bytes, ...pngSize(bytes) };
		case 'image/jpeg':
			return { kind: 'jpeg', bytes, ...jpegSize(bytes) };
		case 'image/svg+xml':
			return parseSvg(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	}
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const isPng =
		bytes.length > 24 &&
		PNG_SIGNATURE.every((byte, index) => bytes[index] === byte) &&
		String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR';
	if (!isPng) throw new ImageError('is not a PNG file');
	return { width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegSize(bytes: Uint8Array) {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new ImageError('is not a JPEG file');
	// Walk the marker segments to the first start-of-frame, which carries the size.
	for (let at = 2; at + 9 < bytes.length;) {
		if (bytes[at] !== 0xff) break;
		const marker = bytes[at + 1] ?? 0;
		const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isFrame) return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
		at += 2 + view.getUint16(at + 2);
	}
	throw new ImageError('is a JPEG file without a readable size');
}

const ALLOWED_ELEMENTS = new Set(['svg', 'g', 'path', 'title', 'desc', 'metadata']);
const LINE_CAPS: Record<string, LineCapStyle> = {
	butt: LineCapStyle.Butt,
	round: LineCapStyle.Round,
	square: LineCapStyle.Projecting
};

interface Paint {
	fill: RGB | null;
	stroke: RGB | null;
	strokeWidth: number;
	lineCap: LineCapStyle;
}

/** Parses the supported SVG subset. Exported for tests. */
export function parseSvg(source: string): ParsedImage {
	if (/<!DOCTYPE|<!ENTITY/i.test(source)) throw new ImageError('SVG must not declare a DOCTYPE');
	const text = source
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<\?[\s\S]*?\?>/g, '')
		.replace(/<(title|desc|metadata)\b[\s\S]*?<\/\1\s*>/g, '');
	const tags = text.matchAll(/<\s*(\/?)\s*([A-Za-z][\w:.-]*)([^>]*?)(\/?)\s*>/g);
	// SVG's initial values: black fill, no stroke, width 1, butt caps.
	const stack: Paint[] = [
		{ fill: rgb(0, 0, 0), stroke: null, strokeWidth: 1, lineCap: LineCapStyle.Butt }
	];
	let viewBox: [number, number, number, number] | undefined;
	const paths: VectorPath[] = [];
	for (const [, closing, name = '', rawAttributes = '', selfClosing] of tags) {
		if (!ALLOWED_ELEMENTS.has(name)) {
			throw new ImageError(`uses <${name}>; only <path> elements inside <g> groups are supported`);
		}
		if (closing) {
			if (name !== 'path') stack.pop();
			continue;
		}
		const attributes = parseAttributes(rawAttributes, name);
		const paint = applyPaint(stack.at(-1)!, attributes, name);
		if (name === 'svg') {
			if (viewBox) throw new ImageError('has a nested <svg>');
			viewBox = parseViewBox(attributes.get('viewBox'));
		} else if (!viewBox) {
			throw new ImageError('must start with an <svg> element');
		}
		if (name === 'path') {
			const d = attributes.get('d')?.trim();
			if (!d) throw new ImageError('has a <path> without a d attribute');
			if (!/^[MmZzLlHhVvCcSsQqTtAa0-9eE.,+\-\s]+$/.test(d)) {
				throw new ImageError('has a <path> whose d attribute is not path data');
			}
			if (paint.fill || paint.stroke) paths.push({ d, ...paint });
		} else if (!selfClosing) {
			stack.push(paint);
		}
	}
	if (!viewBox) throw new ImageError('is not an SVG image');
	if (paths.length === 0) throw new ImageError('draws nothing (no <path> with a fill or stroke)');
	return { kind: 'vector', viewBox, paths };
}

function parseAttributes(raw: string, element: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const [, name = '', , double, single] of raw.matchAll(
		/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g
	)) {
		attributes.set(name, double ?? single ?? '');
	}
	for (const refused of ['transform', 'style', 'clip-path', 'mask', 'filter', 'opacity']) {
		if (attributes.has(refused)) {
			throw new ImageError(`has a "${refused}" attribute on <${element}>, which is not supported`);
		}
	}
	return attributes;
}

function applyPaint(parent: Paint, attributes: Map<string, string>, element: string): Paint {
	const paint = { ...parent };
	const fill = attributes.get('fill');
	const stroke = attributes.get('stroke');
	const width = attributes.get('stroke-width');
	const cap = attributes.get('stroke-linecap');
	if (fill !== undefined) paint.fill = parseColor(fill, element);
	if (stroke !== undefined) paint.stroke = parseColor(stroke, element);
	if (width !== undefined) {
		const value = Number(width);
		if (!Number.isFinite(value) || value < 0) {
			throw new ImageError(`has stroke-width "${width}" on <${element}>; use a plain number`);
		}
		paint.strokeWidth = value;
	}
	if (cap !== undefined) {
		const style = LINE_CAPS[cap];
		if (style === undefined) throw new ImageError(`has an unknown stroke-linecap "${cap}"`);
		paint.lineCap = style;
	}
	return paint;
}

function parseColor(value: string, element: string): RGB | null {
	const color = value.trim().toLowerCase();
	if (color === 'none') return null;
	const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(color);
	const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(color);
	const hex = short ? short.slice(1).map((digit) => digit + digit) : long?.slice(1);
	if (!hex) {
		throw new ImageError(`has colour "${value}" on <${element}>; use #rgb, #rrggbb or none`);
	}
	const [r, g, b] = hex.map((pair) => parseInt(pair, 16) / 255);
	return rgb(r!, g!, b!);
}

function parseViewBox(value: string | undefined): [number, number, number, number] {
	const numbers = (value ?? '')
		.trim()
		.split(/[\s,]+/)
		.map(Number);
	const [minX, minY, width, height] = numbers;
	if (
		numbers.length !== 4 ||
		!numbers.every(Number.isFinite) ||
		minX === undefined ||
		minY === undefined ||
		!(width! > 0) ||
		!(height! > 0)
	) {
		throw new ImageError('needs a viewBox="min-x min-y width height" on its <svg> element');
	}
	return [minX, minY, width!, height!];
}

export interface ImageBox {
	/** Left edge. */
	x: number;
	/** Bottom edge. */
	y: number;
	width: number;
	height: number;
	/** Horizontal placement when the image is narrower than the box. */
	align?: 'left' | 'center' | 'right';
}

/** Draws the image as large as fits the box, keeping its proportions, resting on the box's bottom. */
export async function drawImage(page: PDFPage, image: ParsedImage, box: ImageBox): Promise<void> {
	const [width, height] =
		image.kind === 'vector' ? [image.viewBox[2], image.viewBox[3]] : [image.width, image.height];
	const scale = Math.min(box.width / width, box.height / height);
	const slack = box.width - width * scale;
	const left = box.x + (box.align === 'left' ? 0 : box.align === 'right' ? slack : slack / 2);
	if (image.kind !== 'vector') {
		const embedded =
			image.kind === 'png'
				? await page.doc.embedPng(image.bytes)
				: await page.doc.embedJpg(image.bytes);
		page.drawImage(embedded, { x: left, y: box.y, width: width * scale, height: height * scale });
		return;
	}
	const [minX, minY] = image.viewBox;
	const top = box.y + height * scale;
	for (const path of image.paths) {
		// drawSvgPath maps SVG (0, 0) to (x, y) with y running downward.
		page.drawSvgPath(path.d, {
			x: left - minX * scale,
			y: top + minY * scale,
			scale,
			...(path.fill ? { color: path.fill } : {}),
			...(path.stroke
				? { borderColor: path.stroke, borderWidth: path.strokeWidth, borderLineCap: path.lineCap }
				: { borderWidth: 0 })
		});
	}
}
