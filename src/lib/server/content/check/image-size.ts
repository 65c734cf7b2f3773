/**
 * The coordinate space of an image, as a hotspot question's width and height describe it: an
 * SVG's viewBox (else its width and height), a bitmap's pixels. Undefined when the file does not
 * say (an SVG without sizes) or is of a kind not read here.
 */
export function imageSize(
	file: string,
	data: Buffer
): { width: number; height: number } | undefined {
	const lower = file.toLowerCase();
	if (lower.endsWith('.svg')) return svgSize(data.toString('utf8'));
	if (data.subarray(1, 4).toString('latin1') === 'PNG') {
		return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
	}
	if (data.subarray(0, 3).toString('latin1') === 'GIF') {
		return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
	}
	if (data[0] === 0xff && data[1] === 0xd8) return jpegSize(data);
	return undefined;
}

function svgSize(text: string): { width: number; height: number } | undefined {
	const root = /<svg\b[^>]*>/i.exec(text)?.[0] ?? '';
	const viewBox =
		/\bviewBox\s*=\s*["']\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(
			root
		);
	if (viewBox) return { width: Number(viewBox[3]), height: Number(viewBox[4]) };
	const width = /\bwidth\s*=\s*["']([\d.]+)(px)?["']/i.exec(root)?.[1];
	const height = /\bheight\s*=\s*["']([\d.]+)(px)?["']/i.exec(root)?.[1];
	return width && height ? { width: Number(width), height: Number(height) } : undefined;
}

/** Walks a JPEG's segments to the frame header (SOF0–SOF15, except DHT, JPG and DAC). */
function jpegSize(data: Buffer): { width: number; height: number } | undefined {
	let offset = 2;
	while (offset + 9 < data.length) {
		if (data[offset] !== 0xff) return undefined;
		const marker = data[offset + 1]!;
		const length = data.readUInt16BE(offset + 2);
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
			return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
		}
		offset += 2 + length;
	}
	return undefined;
}
