import { degrees, rgb, type PDFPage, type RGB } from 'pdf-lib';
import { ceHours, longDate } from '../../format';
import { createPdf } from './pdf/document';
import {
	addLink,
	drawInBand,
	drawLine,
	drawParagraph,
	drawQrCode,
	linkHref,
	type TextStyle
} from './pdf/draw';
import { drawImage, parseImage, type ImageMediaType } from './pdf/images';

export interface PrintedImage {
	mediaType: ImageMediaType;
	bytes: Uint8Array;
}

/** Everything a certificate prints: its stored snapshot, nothing read from elsewhere. */
export interface CertificatePrint {
	/** Unguessable certificate code, printed. */
	code: string;
	/** Any Unicode name; printed as-is (it is drawn as glyphs, never interpreted as markup). */
	holderName: string;
	licenseNumber: string | null;
	/** Two-letter US state of the license. */
	licenseState: string | null;
	courseTitle: string;
	/** e.g. 1.5 → "1.5 CE hours", 1 → "1 CE hour". */
	ceHours: number;
	/** "Home Study" | "Live" | "Webinar" */
	courseType: string;
	ncbtmbApprovalNumber: string | null;
	floridaProgramNumber: string | null;
	/** 'YYYY-MM-DD', already in the organisation's time zone. */
	completionDate: string;
	/** ISO timestamp of issue; the PDF's fixed creation/modification date. */
	issuedAt: string;
	/** Absolute URL of the public verification page; printed and encoded in the QR code. */
	verifyUrl: string;
	providerName: string;
	/** Address or e-mail; '' prints nothing. */
	providerContact: string;
	providerNcbtmbNumber: string | null;
	providerFloridaNumber: string | null;
	signatoryName: string | null;
	signatoryTitle: string | null;
	signature: PrintedImage | null;
	logo: PrintedImage | null;
	/** Stamped across a certificate that is no longer valid, so a fresh download cannot mislead. */
	stamp?: 'Revoked' | 'Superseded' | null;
}

// Landscape US Letter, in PDF points.
const PAGE_WIDTH = 792;
const PAGE_HEIGHT = 612;
const CENTER_X = PAGE_WIDTH / 2;
const BODY_WIDTH = 600;

const NAVY = rgb(0.1, 0.19, 0.34);
const GOLD = rgb(0.71, 0.57, 0.29);
const INK = rgb(0.13, 0.14, 0.17);
const MUTED = rgb(0.36, 0.38, 0.42);
const STAMP = rgb(0.72, 0.11, 0.11);

/** "Home Study" → "home-study course", "Live" → "live course", "Webinar" → "webinar". */
function courseNoun(courseType: string): string {
	const kind = courseType.trim().toLowerCase().replace(/\s+/g, '-');
	return kind === 'webinar' ? 'webinar' : `${kind} course`;
}

/** "License MA12345 (FL)"; nothing without a number (a state alone identifies no one). */
export function licenseLine(number: string | null, state: string | null): string | null {
	if (!number) return null;
	return state ? `License ${number} (${state})` : `License ${number}`;
}

function rule(page: PDFPage, y: number, halfWidth: number, color: RGB, thickness: number) {
	page.drawLine({
		start: { x: CENTER_X - halfWidth, y },
		end: { x: CENTER_X + halfWidth, y },
		color,
		thickness
	});
}

export async function renderCertificatePdf(print: CertificatePrint): Promise<Uint8Array> {
	const completed = longDate(print.completionDate);
	const hours = ceHours(print.ceHours);
	const href = linkHref(print.verifyUrl);
	const { doc, regular, bold } = await createPdf({
		title: `Certificate ${print.code}`,
		subject: 'Certificate of Completion',
		author: print.providerName,
		date: new Date(print.issuedAt)
	});
	const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);

	// Frame: a strong outer rule and a fine inner one.
	page.drawRectangle({ x: 20, y: 20, width: 752, height: 572, borderColor: NAVY, borderWidth: 3 });
	page.drawRectangle({ x: 29, y: 29, width: 734, height: 554, borderColor: GOLD, borderWidth: 1 });

	if (print.logo) {
		await drawImage(page, parseImage(print.logo.bytes, print.logo.mediaType), {
			x: CENTER_X - 30,
			y: 514,
			width: 60,
			height: 56
		});
	}
	const center = { x: CENTER_X, maxWidth: BODY_WIDTH };
	const heading: TextStyle = { face: bold, color: NAVY, size: 13 };
	drawLine(page, print.providerName.toUpperCase(), heading, { ...center, y: 496 });
	rule(page, 484, 36, GOLD, 1.5);
	drawLine(page, 'Certificate of Completion', { ...heading, size: 32 }, { ...center, y: 446 });

	const lead: TextStyle = { face: regular, color: MUTED, size: 12 };
	drawLine(page, 'This certifies that', lead, { ...center, y: 418 });
	// One line if at all possible, a second only below 18 pt, a third (for names of up to about
	// 200 characters, the longest an account takes) only below 14 pt.
	const nameTiers = [
		{ maxLines: 1, minSize: 18 },
		{ maxLines: 2, minSize: 14 },
		{ maxLines: 3, minSize: 9 }
	];
	drawInBand(
		page,
		print.holderName,
		{ face: bold, color: INK, size: 30, maxLines: 3, tiers: nameTiers },
		{ top: 408, bottom: 358, ...center }
	);
	rule(page, 350, 220, GOLD, 0.75);
	const license = licenseLine(print.licenseNumber, print.licenseState);
	if (license) {
		drawLine(page, license, { face: regular, color: INK, size: 10.5 }, { ...center, y: 336 });
	}
	drawLine(page, `has successfully completed the ${courseNoun(print.courseType)}`, lead, {
		...center,
		y: 312
	});
	// Wraps first (up to three lines), then shrinks.
	drawInBand(
		page,
		print.courseTitle,
		{ face: bold, color: NAVY, size: 20, minSize: 11, maxLines: 3 },
		{ top: 302, bottom: 246, ...center }
	);

	// The facts a board checks, side by side: hours, course type, completion date.
	const facts = [
		['Approved continuing education', hours],
		['Course type', print.courseType],
		['Completed', completed]
	] as const;
	facts.forEach(([label, value], index) => {
		const column = { x: CENTER_X + (index - 1) * 190, maxWidth: 180 };
		drawLine(page, label, { face: regular, color: MUTED, size: 8.5 }, { ...column, y: 226 });
		drawLine(page, value, { face: bold, color: INK, size: 13 }, { ...column, y: 210 });
	});
	const approvals = [
		print.ncbtmbApprovalNumber && `NCBTMB course approval no. ${print.ncbtmbApprovalNumber}`,
		print.floridaProgramNumber && `Florida program no. ${print.floridaProgramNumber}`
	].filter(Boolean);
	if (approvals.length) {
		drawLine(
			page,
			approvals.join('   ·   '),
			{ face: regular, color: INK, size: 9.5 },
			{
				...center,
				y: 190
			}
		);
	}

	await drawSignature(page, print, { regular, bold });
	drawProvider(page, print, { regular, bold });

	// Verification: the QR code and the code beside it; the address across the foot. The QR code
	// and the printed address are links to the same page.
	const qr = { x: 664, y: 62, size: 84, color: INK };
	drawQrCode(page, href, qr);
	addLink(page, href, [qr.x, qr.y, qr.x + qr.size, qr.y + qr.size]);
	const column = { x: qr.x - 12, align: 'right', maxWidth: 128 } as const;
	const small: TextStyle = { face: regular, color: MUTED, size: 8 };
	drawLine(page, 'Certificate code', small, { ...column, y: 128 });
	drawLine(
		page,
		print.code,
		{ face: bold, color: INK, size: 10.5, minSize: 5 },
		{
			...column,
			y: 114
		}
	);
	drawLine(page, 'Scan to verify', small, { ...column, y: 96 });
	const verify = drawLine(page, `Verify this certificate at ${print.verifyUrl}`, small, {
		x: CENTER_X,
		y: 42,
		maxWidth: 700
	});
	addLink(page, href, [verify.x, verify.y - 3, verify.x + verify.width, verify.y + verify.size]);

	if (print.stamp) drawStamp(page, print.stamp, bold.font);
	return doc.save();
}

type Faces = { regular: TextStyle['face']; bold: TextStyle['face'] };

/** Bottom left: the signature over a line, then who signed, in which capacity, for whom. */
async function drawSignature(page: PDFPage, print: CertificatePrint, { regular, bold }: Faces) {
	const box = { x: 180, maxWidth: 220 };
	if (print.signature) {
		await drawImage(page, parseImage(print.signature.bytes, print.signature.mediaType), {
			x: box.x - 100,
			y: 112,
			width: 200,
			height: 50
		});
	}
	page.drawLine({ start: { x: 72, y: 110 }, end: { x: 288, y: 110 }, color: INK, thickness: 0.75 });
	const lines = [
		print.signatoryName && {
			text: print.signatoryName,
			style: { face: bold, color: INK, size: 10 }
		},
		print.signatoryTitle && {
			text: print.signatoryTitle,
			style: { face: regular, color: MUTED, size: 8.5 }
		},
		{ text: `for ${print.providerName}`, style: { face: regular, color: MUTED, size: 8.5 } }
	].filter((line): line is { text: string; style: TextStyle } => Boolean(line));
	let y = 97;
	for (const line of lines) {
		drawLine(page, line.text, line.style, { ...box, y });
		y -= 12;
	}
}

/** Bottom centre: the provider's name, address or e-mail, and board registration numbers. */
function drawProvider(page: PDFPage, print: CertificatePrint, { regular, bold }: Faces) {
	const box = { x: 420, maxWidth: 210 };
	const style: TextStyle = { face: regular, color: INK, size: 8.5 };
	drawLine(page, 'Provider', { face: regular, color: MUTED, size: 8 }, { ...box, y: 150 });
	drawLine(page, print.providerName, { face: bold, color: INK, size: 9.5 }, { ...box, y: 137 });
	let y = 124;
	if (print.providerContact) {
		const lines = drawParagraph(
			page,
			print.providerContact,
			{ ...style, maxLines: 2 },
			{ ...box, y }
		);
		y -= 11 * lines.length;
	}
	const numbers = [
		print.providerNcbtmbNumber && `NCBTMB Approved Provider no. ${print.providerNcbtmbNumber}`,
		print.providerFloridaNumber && `Florida CE provider no. ${print.providerFloridaNumber}`
	].filter((line): line is string => Boolean(line));
	for (const line of numbers) {
		drawLine(page, line, style, { ...box, y: y - 2 });
		y -= 11;
	}
}

/** A large translucent word across the page, inside the frame whatever the word. */
function drawStamp(page: PDFPage, word: string, font: TextStyle['face']['font']) {
	const angle = 24;
	const text = word.toUpperCase();
	const size = Math.min(96, 560 / font.widthOfTextAtSize(text, 1));
	const width = font.widthOfTextAtSize(text, size);
	const radians = (angle * Math.PI) / 180;
	// Start so that the rotated baseline's midpoint sits at the page centre.
	const x = CENTER_X - (width / 2) * Math.cos(radians) + (size / 3) * Math.sin(radians);
	const y = PAGE_HEIGHT / 2 - (width / 2) * Math.sin(radians) - (size / 3) * Math.cos(radians);
	page.drawText(text, { x, y, size, font, color: STAMP, opacity: 0.28, rotate: degrees(angle) });
}
