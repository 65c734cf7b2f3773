import { createCanvas } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface RenderedPage {
	width: number;
	height: number;
	/** RGBA, row by row from the top-left corner. */
	data: Uint8ClampedArray;
}

/**
 * Renders one page the way a viewer shows it (pdf.js drawing onto a Skia canvas), at `scale`
 * pixels per point. Fonts are drawn from the embedded glyph outlines, never from system fonts.
 */
export async function renderPdfPage(
	bytes: Uint8Array,
	pageNumber = 1,
	scale = 2
): Promise<RenderedPage> {
	const doc = await getDocument({
		data: bytes.slice(),
		disableFontFace: true,
		useSystemFonts: false,
		isEvalSupported: false,
		verbosity: 0
	}).promise;
	try {
		const page = await doc.getPage(pageNumber);
		const viewport = page.getViewport({ scale });
		const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
		const context = canvas.getContext('2d');
		context.fillStyle = '#ffffff';
		context.fillRect(0, 0, canvas.width, canvas.height);
		await page.render({
			canvas: canvas as unknown as HTMLCanvasElement,
			canvasContext: context as unknown as CanvasRenderingContext2D,
			viewport
		}).promise;
		const image = context.getImageData(0, 0, canvas.width, canvas.height);
		return { width: image.width, height: image.height, data: image.data };
	} finally {
		await doc.destroy();
	}
}

/** Scans the rendered page for a QR code, as a phone camera would, and returns its text. */
export async function readQrCode(bytes: Uint8Array, pageNumber = 1): Promise<string | undefined> {
	const page = await renderPdfPage(bytes, pageNumber, 3);
	return jsQR(page.data, page.width, page.height)?.data;
}
