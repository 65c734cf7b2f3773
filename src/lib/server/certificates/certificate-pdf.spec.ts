import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, it, expect } from 'vitest';
import { pdfText, pdfTextItems } from '../../../../tests/support/pdf-text';
import { readQrCode, renderPdfPage } from '../../../../tests/support/pdf-render';
import { renderCertificatePdf, type CertificatePrint } from './certificate-pdf';

const svg = (file: string) => ({
	mediaType: 'image/svg+xml' as const,
	bytes: new Uint8Array(readFileSync(`config/${file}`))
});

const base: CertificatePrint = {
	code: 'MMPA-7K3F-Q9XD-2M8P',
	holderName: "Zoë O'Brien-Łukasiewicz",
	licenseNumber: 'MA12345',
	licenseState: 'FL',
	courseTitle: 'Medical Massage for Chronic Low Back Pain: Assessment and Treatment',
	ceHours: 1.5,
	courseType: 'Home Study',
	ncbtmbApprovalNumber: '451234-25',
	floridaProgramNumber: '20-987654',
	completionDate: '2026-11-28',
	issuedAt: '2026-11-28T15:04:05.000Z',
	verifyUrl: 'https://academy.example.org/certificates/MMPA-7K3F-Q9XD-2M8P',
	providerName: 'Medical Massage Practitioners of America',
	providerContact: '1234 Wellness Way, Austin, TX 78701 · certificates@example.org',
	providerNcbtmbNumber: '1000123',
	providerFloridaNumber: '50-4321',
	signatoryName: 'Jordan Example',
	signatoryTitle: 'Director of Education',
	signature: svg('signature.svg'),
	logo: svg('logo.svg')
};

const render = (overrides: Partial<CertificatePrint> = {}) =>
	renderCertificatePdf({ ...base, ...overrides });

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

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

/** The embedded subset fonts: every glyph they carry has an outline (the space aside). */
function embeddedFonts(doc: PDFDocument) {
	return doc.context
		.enumerateIndirectObjects()
		.map(([, object]) => object)
		.filter((object): object is PDFDict => object instanceof PDFDict)
		.map((dict) => dict.lookup(PDFName.of('FontFile2')))
		.filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
		.map((stream) => fontkit.create(decodePDFRawStream(stream).decode()));
}

async function expectNoMissingGlyphs(bytes: Uint8Array) {
	const fonts = embeddedFonts(await PDFDocument.load(bytes));
	expect(fonts).toHaveLength(2);
	for (const font of fonts) {
		let empty = 0;
		for (let id = 0; id < font.numGlyphs; id++) {
			if (font.getGlyph(id).path.toSVG() === '') empty++;
		}
		expect(empty).toBeLessThanOrEqual(1); // the space
	}
	const text = await pdfText(bytes);
	// .notdef extracts as U+0000; printable() turns what the font lacks into U+FFFD.
	expect(text).not.toContain('\u0000');
	expect(text).not.toContain('\uFFFD');
}

/** The share of dark pixels in a rectangle of the page given in PDF points (origin bottom-left). */
async function inkIn(
	bytes: Uint8Array,
	rect: { x: number; y: number; width: number; height: number }
) {
	const scale = 2;
	const page = await renderPdfPage(bytes, 1, scale);
	let dark = 0;
	let total = 0;
	for (let y = 612 - rect.y - rect.height; y < 612 - rect.y; y += 0.5) {
		for (let x = rect.x; x < rect.x + rect.width; x += 0.5) {
			const at = (Math.round(y * scale) * page.width + Math.round(x * scale)) * 4;
			total++;
			if ((page.data[at] ?? 255) < 160) dark++;
		}
	}
	return dark / total;
}

describe('renderCertificatePdf', () => {
	it('renders a single landscape US Letter page', async () => {
		const bytes = await render();
		expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
		const pages = await pdfTextItems(bytes);
		expect(pages).toHaveLength(1);
		expect(pages[0]).toMatchObject({ width: 792, height: 612 });
	});

	it('prints every field NCBTMB and Florida ask for', async () => {
		const text = oneLine(await pdfText(await render()));
		// Participant: the name as entered for certificates, and the license (Florida).
		expect(text).toContain("Zoë O'Brien-Łukasiewicz");
		expect(text).toContain('License MA12345 (FL)');
		// Course: title exactly as approved, type, approved hours as CE hours, completion date.
		expect(text).toContain(base.courseTitle);
		expect(text).toContain('Course type Home Study');
		expect(text).toContain('home-study course');
		expect(text).toContain('1.5 CE hours');
		expect(text).not.toMatch(/CEU/);
		expect(text).toContain('Completed November 28, 2026');
		expect(text).toContain('NCBTMB course approval no. 451234-25');
		expect(text).toContain('Florida program no. 20-987654');
		// Provider: name, address or e-mail, Approved Provider and Florida provider numbers.
		expect(text).toContain(base.providerName);
		expect(text).toContain(base.providerContact);
		expect(text).toContain('NCBTMB Approved Provider no. 1000123');
		expect(text).toContain('Florida CE provider no. 50-4321');
		// Signature: who signed, in which capacity.
		expect(text).toContain('Jordan Example Director of Education');
		// Verification: the code and the address of the public page.
		expect(text).toContain(base.code);
		expect(text).toContain(`Verify this certificate at ${base.verifyUrl}`);
	});

	it('draws the signature above its line and the logo at the top', async () => {
		const bytes = await render();
		expect(await inkIn(bytes, { x: 80, y: 112, width: 200, height: 50 })).toBeGreaterThan(0.01);
		expect(await inkIn(bytes, { x: 366, y: 514, width: 60, height: 56 })).toBeGreaterThan(0.05);
		const unsigned = await render({ signature: null, logo: null });
		expect(await inkIn(unsigned, { x: 80, y: 112, width: 200, height: 50 })).toBe(0);
		expect(await inkIn(unsigned, { x: 366, y: 514, width: 60, height: 56 })).toBe(0);
	});

	it('draws a PNG signature, such as a scan', async () => {
		const canvas = createCanvas(300, 80);
		const context = canvas.getContext('2d');
		context.strokeStyle = '#1d2a4d';
		context.lineWidth = 6;
		context.beginPath();
		context.moveTo(10, 60);
		context.bezierCurveTo(80, 0, 160, 80, 290, 20);
		context.stroke();
		const png = new Uint8Array(canvas.toBuffer('image/png'));
		const bytes = await render({ signature: { mediaType: 'image/png', bytes: png } });
		expect(await inkIn(bytes, { x: 80, y: 112, width: 200, height: 50 })).toBeGreaterThan(0.01);
	});

	it('prints nothing for details that are not set', async () => {
		const text = oneLine(
			await pdfText(
				await render({
					licenseNumber: null,
					licenseState: 'FL',
					ncbtmbApprovalNumber: null,
					floridaProgramNumber: null,
					providerContact: '',
					providerNcbtmbNumber: null,
					providerFloridaNumber: null,
					signatoryName: null
				})
			)
		);
		expect(text).not.toMatch(/License|approval no|program no|Provider no|provider no/);
		expect(text).toContain('Director of Education for Medical Massage Practitioners of America');
	});

	it('encodes the verification page in a QR code a phone can scan', async () => {
		expect(await readQrCode(await render())).toBe(base.verifyUrl);
	});

	it('links the QR code and the printed address to the verification page', async () => {
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

	it.each([
		['Greek', 'Σοφία Παπαδοπούλου-Αθανασίου'],
		['Cyrillic', 'Анна Сергеевна Иванова-Щербакова'],
		['Vietnamese', 'Nguyễn Thị Minh Khai Trần Phước Đạt'],
		['apostrophes', "D'Angelo O’Connor-N'Diaye"],
		['markup', '<script>alert("x")</script> & "Quotes"'],
		[
			'200 characters',
			'Maximiliana Wilhelmina Σοφία Анна Nguyễn Łukasiewicz-Papadopoulou '.repeat(4).slice(0, 200)
		]
	])('prints a %s name whole, inside the page, with no missing glyphs', async (_, holderName) => {
		const bytes = await render({ holderName });
		expect(oneLine(await pdfText(bytes))).toContain(holderName.trim());
		await expectTextInsideFrame(bytes);
		await expectNoMissingGlyphs(bytes);
	});

	it('prints decomposed (NFD) names with their precomposed letters', async () => {
		const holderName = 'Nguyễn Zoë'.normalize('NFD');
		expect(await pdfText(await render({ holderName }))).toContain('Nguyễn Zoë');
	});

	it('is byte-identical for the same input', async () => {
		const hash = async () =>
			createHash('sha256')
				.update(await render())
				.digest('hex');
		expect(await hash()).toBe(await hash());
	});

	it('takes its dates and metadata from the input, not the clock', async () => {
		const doc = await PDFDocument.load(await render(), { updateMetadata: false });
		expect(doc.getTitle()).toBe(`Certificate ${base.code}`);
		expect(doc.getAuthor()).toBe(base.providerName);
		expect(doc.getProducer()).toBe('MMPA Academy');
		expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-28T15:04:05.000Z');
		expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-28T15:04:05.000Z');
		expect(doc.context.trailerInfo.ID).toBeUndefined();
	});

	it('keeps a very long name and title on the page', async () => {
		const holderName = 'Maximiliana Wilhelmina Łukasiewicz-Papadopoulou '.repeat(3).slice(0, 120);
		const courseTitle =
			'Advanced Clinical Medical Massage for Chronic Low Back Pain and Sciatica: '.repeat(5);
		const bytes = await render({ holderName, courseTitle: courseTitle.slice(0, 300) });
		await expectTextInsideFrame(bytes);
		// The name shrinks and wraps but is never cut.
		expect(oneLine(await pdfText(bytes))).toContain(holderName.trim());
	});

	it('keeps even absurdly long unbroken texts on the page', async () => {
		await expectTextInsideFrame(
			await render({
				holderName: 'W'.repeat(400),
				courseTitle: 'M'.repeat(2000),
				code: 'X'.repeat(200),
				licenseNumber: 'L'.repeat(300),
				ncbtmbApprovalNumber: '9'.repeat(200),
				verifyUrl: `https://academy.example.org/verify/${'x'.repeat(300)}`,
				providerName: 'Provider '.repeat(40),
				providerContact: 'contact '.repeat(60),
				providerNcbtmbNumber: '1'.repeat(120),
				signatoryName: 'S'.repeat(200),
				signatoryTitle: 'T'.repeat(200)
			})
		);
	});

	it('does not throw for characters the font lacks (CJK) and keeps them on the page', async () => {
		const bytes = await render({ holderName: '山田 太郎 (Taro Yamada) 😀' });
		await expectTextInsideFrame(bytes);
		// Known limitation: unsupported characters print as U+FFFD until a CJK font is added.
		expect(await pdfText(bytes)).toContain('\uFFFD\uFFFD \uFFFD\uFFFD (Taro Yamada) \uFFFD');
	});

	it('stamps a certificate that is no longer valid', async () => {
		expect(await pdfText(await render())).not.toContain('REVOKED');
		expect(await pdfText(await render({ stamp: 'Revoked' }))).toContain('REVOKED');
		expect(await pdfText(await render({ stamp: 'Superseded' }))).toContain('SUPERSEDED');
	});

	it('rejects malformed input', async () => {
		await expect(render({ issuedAt: 'yesterday' })).rejects.toThrow();
		await expect(render({ completionDate: '2026-02-30' })).rejects.toThrow();
		await expect(render({ verifyUrl: 'javascript:alert(1)' })).rejects.toThrow();
		await expect(render({ ceHours: Number.NaN })).rejects.toThrow();
	});
});
