import { describe, it, expect } from 'vitest';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfText, pdfTextItems } from '../../../../tests/support/pdf-text';
import {
	formatCeHours,
	formatCompletionDate,
	renderCertificatePdf,
	type CertificatePrint
} from './pdf';

const base: CertificatePrint = {
	code: 'MMPA-7K3F-Q9XD-2M8P',
	holderName: "Zoë O'Brien-Łukasiewicz",
	courseTitle: 'Medical Massage for Chronic Low Back Pain: Assessment and Treatment',
	ceHours: 1.5,
	courseType: 'Home Study',
	completionDate: '2026-11-28',
	issuedAt: '2026-11-28T15:04:05.000Z',
	verifyUrl: 'https://academy.example.org/certificates/verify/MMPA-7K3F-Q9XD-2M8P',
	providerName: 'Medical Massage Practitioners of America',
	providerContact: '1234 Wellness Way, Austin, TX 78701 · certificates@example.org'
};

const render = (overrides: Partial<CertificatePrint> = {}) =>
	renderCertificatePdf({ ...base, ...overrides });

/** Every text run must lie inside the page (in fact inside the inner frame). */
async function expectTextInsideFrame(bytes: Uint8Array) {
	const [page] = await pdfTextItems(bytes);
	expect(page?.items.length).toBeGreaterThan(0);
	for (const item of page?.items ?? []) {
		expect(item.x, item.str).toBeGreaterThanOrEqual(29);
		expect(item.x + item.width, item.str).toBeLessThanOrEqual(792 - 29);
		expect(item.y, item.str).toBeGreaterThanOrEqual(29);
		expect(item.y + item.size, item.str).toBeLessThanOrEqual(612 - 29);
	}
}

describe('renderCertificatePdf', () => {
	it('renders a single landscape US Letter page', async () => {
		const bytes = await render();
		expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
		const pages = await pdfTextItems(bytes);
		expect(pages).toHaveLength(1);
		expect(pages[0]).toMatchObject({ width: 792, height: 612 });
	});

	it('prints the certificate details', async () => {
		const text = await pdfText(await render());
		expect(text).toContain('Certificate of Completion');
		expect(text).toContain("Zoë O'Brien-Łukasiewicz");
		expect(text.replace(/\s+/g, ' ')).toContain(base.courseTitle);
		expect(text).toContain('1.5 CE hours');
		expect(text).toContain('Completed November 28, 2026');
		expect(text).toContain('home-study course');
		expect(text).toContain(base.code);
		expect(text).toContain(base.verifyUrl);
		expect(text).toContain(base.providerContact);
	});

	it.each([
		'Σοφία Παπαδοπούλου',
		'Анна Иванова',
		'Nguyễn Thị Minh Khai',
		'<script>alert("x")</script> & "Quotes"'
	])('prints the name %s as-is', async (holderName) => {
		expect(await pdfText(await render({ holderName }))).toContain(holderName);
	});

	it('prints decomposed (NFD) names with their precomposed letters', async () => {
		const holderName = 'Nguyễn Zoë'.normalize('NFD');
		expect(await pdfText(await render({ holderName }))).toContain('Nguyễn Zoë');
	});

	it('is byte-identical for the same input', async () => {
		const first = await render();
		const second = await render();
		expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
	});

	it('takes its dates and metadata from the input, not the clock', async () => {
		const doc = await PDFDocument.load(await render(), { updateMetadata: false });
		expect(doc.getTitle()).toBe(`Certificate ${base.code}`);
		expect(doc.getProducer()).toBe('MMPA Academy');
		expect(doc.getCreator()).toBe('MMPA Academy');
		expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-28T15:04:05.000Z');
		expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-28T15:04:05.000Z');
		expect(doc.context.trailerInfo.ID).toBeUndefined();
	});

	it('links the QR code and the URL to the verification page', async () => {
		const pdf = await getDocument({ data: await render(), verbosity: 0 }).promise;
		try {
			const annotations = (await (await pdf.getPage(1)).getAnnotations()) as { url?: string }[];
			expect(annotations.map((annotation) => annotation.url)).toEqual([
				base.verifyUrl,
				base.verifyUrl
			]);
		} finally {
			await pdf.destroy();
		}
	});

	it('keeps a very long name and title on the page', async () => {
		const holderName = 'Maximiliana Wilhelmina Łukasiewicz-Papadopoulou '.repeat(3).slice(0, 120);
		const courseTitle =
			'Advanced Clinical Medical Massage for Chronic Low Back Pain and Sciatica: '.repeat(5);
		expect(holderName).toHaveLength(120);
		const bytes = await render({ holderName, courseTitle: courseTitle.slice(0, 300) });
		await expectTextInsideFrame(bytes);
		const text = await pdfText(bytes);
		// The name shrinks and wraps but is never cut.
		expect(text.replace(/\s+/g, ' ')).toContain(holderName.trim());
	});

	it('keeps even absurdly long unbroken texts on the page', async () => {
		await expectTextInsideFrame(
			await render({
				holderName: 'W'.repeat(400),
				courseTitle: 'M'.repeat(2000),
				code: 'X'.repeat(200),
				verifyUrl: `https://academy.example.org/verify/${'x'.repeat(300)}`,
				providerContact: 'contact '.repeat(60)
			})
		);
	});

	it('does not throw for characters the font lacks (CJK) and keeps them on the page', async () => {
		const bytes = await render({ holderName: '山田 太郎 (Taro Yamada) 😀' });
		await expectTextInsideFrame(bytes);
		// Known limitation: unsupported characters print as U+FFFD until a CJK font is added.
		expect(await pdfText(bytes)).toContain('\uFFFD\uFFFD \uFFFD\uFFFD (Taro Yamada) \uFFFD');
	});

	it('embeds subset fonts whose glyphs all decode', async () => {
		const doc = await PDFDocument.load(await render({ holderName: 'Σοφία Анна Nguyễn Zoë' }));
		const fonts = doc.context
			.enumerateIndirectObjects()
			.map(([, object]) => object)
			.filter((object): object is PDFDict => object instanceof PDFDict)
			.map((dict) => dict.lookup(PDFName.of('FontFile2')))
			.filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream);
		expect(fonts).toHaveLength(2);
		for (const stream of fonts) {
			const font = fontkit.create(decodePDFRawStream(stream).decode());
			expect(font.numGlyphs).toBeGreaterThan(20);
			// A misaligned subset shows up as glyphs that fail to parse or have lost their outline.
			let empty = 0;
			for (let id = 0; id < font.numGlyphs; id++) {
				if (font.getGlyph(id).path.toSVG() === '') empty++;
			}
			expect(empty).toBeLessThanOrEqual(1); // the space
		}
	});

	it('rejects malformed input', async () => {
		await expect(render({ issuedAt: 'yesterday' })).rejects.toThrow();
		await expect(render({ completionDate: '2026-02-30' })).rejects.toThrow();
		await expect(render({ verifyUrl: 'javascript:alert(1)' })).rejects.toThrow();
		await expect(render({ ceHours: Number.NaN })).rejects.toThrow();
	});
});

describe('formatting', () => {
	it('formats the completion date without the machine locale or time zone', () => {
		expect(formatCompletionDate('2026-11-28')).toBe('November 28, 2026');
		expect(formatCompletionDate('2027-01-01')).toBe('January 1, 2027');
		expect(formatCompletionDate('2028-02-29')).toBe('February 29, 2028');
		expect(() => formatCompletionDate('2027-02-29')).toThrow();
		expect(() => formatCompletionDate('2026-13-01')).toThrow();
		expect(() => formatCompletionDate('28/11/2026')).toThrow();
	});

	it('formats CE hours with singular and plural', () => {
		expect(formatCeHours(1)).toBe('1 CE hour');
		expect(formatCeHours(1.5)).toBe('1.5 CE hours');
		expect(formatCeHours(0.25)).toBe('0.25 CE hours');
		expect(formatCeHours(12)).toBe('12 CE hours');
	});
});
