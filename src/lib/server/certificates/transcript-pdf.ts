import { rgb, type PDFPage } from 'pdf-lib';
import { calendarDate, ceHours, longDate } from '../../format';
import { licenseLine, type PrintedImage } from './certificate-pdf';
import { createPdf } from './pdf/document';
import { drawLine, drawParagraph, type TextStyle } from './pdf/draw';
import { drawImage, parseImage } from './pdf/images';

/** One certificate on the transcript, from its snapshot. */
export interface TranscriptEntry {
	code: string;
	courseTitle: string;
	courseType: string;
	ceHours: number;
	completionDate: string;
	ncbtmbApprovalNumber: string | null;
}

export interface TranscriptPrint {
	holderName: string;
	licenseNumber: string | null;
	licenseState: string | null;
	/** Valid certificates only, in the order printed. */
	entries: TranscriptEntry[];
	/** The moment the transcript is issued: its printed date and the PDF's dates. */
	issuedAt: Date;
	timeZone: string;
	/** The site whose /certificates/<code> pages verify each line. */
	siteUrl: string;
	provider: {
		name: string;
		contact: string;
		ncbtmbNumber: string;
		floridaNumber: string;
		logo: PrintedImage | null;
	};
}

// Portrait US Letter: a transcript is read as a list, top to bottom.
const WIDTH = 612;
const HEIGHT = 792;
const LEFT = 54;
const RIGHT = WIDTH - 54;
const NAVY = rgb(0.1, 0.19, 0.34);
const INK = rgb(0.13, 0.14, 0.17);
const MUTED = rgb(0.36, 0.38, 0.42);
const LINE = rgb(0.8, 0.82, 0.85);

const COLUMNS = [
	{ label: 'Completed', x: LEFT, width: 70 },
	{ label: 'Course', x: LEFT + 76, width: 176 },
	{ label: 'Type', x: LEFT + 258, width: 56 },
	{ label: 'NCBTMB approval', x: LEFT + 320, width: 62 },
	{ label: 'Certificate', x: LEFT + 388, width: 86 }
] as const;
const HOURS_RIGHT = RIGHT;
const ROW_HEIGHT = 30;
const FOOTER_TOP = 78;

/** Hours by course type (boards limit how much of a renewal may be home study). */
export function totalsByType(entries: TranscriptEntry[]): [string, number][] {
	const totals = new Map<string, number>();
	for (const entry of entries) {
		totals.set(entry.courseType, (totals.get(entry.courseType) ?? 0) + entry.ceHours);
	}
	// Hours come in hundredths at most; round away the binary fractions sums leave behind.
	return [...totals]
		.map(([type, hours]): [string, number] => [type, Math.round(hours * 100) / 100])
		.sort(([a], [b]) => a.localeCompare(b));
}

export async function renderTranscriptPdf(print: TranscriptPrint): Promise<Uint8Array> {
	const { doc, regular, bold } = await createPdf({
		title: 'Continuing Education Transcript',
		subject: `CE transcript of ${print.holderName}`,
		author: print.provider.name,
		date: print.issuedAt
	});
	const small: TextStyle = { face: regular, color: MUTED, size: 8 };
	const cell: TextStyle = { face: regular, color: INK, size: 9 };
	const pages: PDFPage[] = [];

	const newPage = async () => {
		const page = doc.addPage([WIDTH, HEIGHT]);
		pages.push(page);
		let y = HEIGHT - 54;
		if (pages.length === 1) {
			if (print.provider.logo) {
				const logo = parseImage(print.provider.logo.bytes, print.provider.logo.mediaType);
				await drawImage(page, logo, { x: LEFT, y: y - 46, width: 48, height: 48, align: 'left' });
			}
			const beside = { x: LEFT + 60, align: 'left', maxWidth: RIGHT - LEFT - 60 } as const;
			drawLine(
				page,
				print.provider.name,
				{ face: bold, color: NAVY, size: 12 },
				{ ...beside, y: y - 12 }
			);
			const details = [
				print.provider.contact,
				print.provider.ncbtmbNumber &&
					`NCBTMB Approved Provider no. ${print.provider.ncbtmbNumber}`,
				print.provider.floridaNumber && `Florida CE provider no. ${print.provider.floridaNumber}`
			].filter(Boolean);
			drawLine(page, details.join('  ·  '), small, { ...beside, y: y - 26 });
			y -= 84;
			drawLine(
				page,
				'Continuing Education Transcript',
				{ face: bold, color: NAVY, size: 20 },
				{
					x: LEFT,
					y,
					align: 'left',
					maxWidth: RIGHT - LEFT
				}
			);
			y -= 24;
			drawParagraph(
				page,
				print.holderName,
				{ face: bold, color: INK, size: 13, minSize: 9, maxLines: 2 },
				{
					x: LEFT,
					y,
					align: 'left',
					maxWidth: RIGHT - LEFT
				}
			);
			y -= 30;
			const license = licenseLine(print.licenseNumber, print.licenseState);
			const issued = `Issued ${longDate(calendarDate(print.issuedAt, print.timeZone))}`;
			drawLine(page, [license, issued].filter(Boolean).join('  ·  '), cell, {
				x: LEFT,
				y,
				align: 'left',
				maxWidth: RIGHT - LEFT
			});
			y -= 30;
		}
		for (const column of COLUMNS) {
			drawLine(page, column.label, small, {
				x: column.x,
				y,
				align: 'left',
				maxWidth: column.width
			});
		}
		drawLine(page, 'CE hours', small, { x: HOURS_RIGHT, y, align: 'right', maxWidth: 40 });
		page.drawLine({
			start: { x: LEFT, y: y - 6 },
			end: { x: RIGHT, y: y - 6 },
			color: NAVY,
			thickness: 0.8
		});
		return { page, y: y - 20 };
	};

	let { page, y } = await newPage();
	if (print.entries.length === 0) {
		drawLine(page, 'No certificates yet.', cell, { x: LEFT, y, align: 'left', maxWidth: 300 });
		y -= ROW_HEIGHT;
	}
	for (const entry of print.entries) {
		if (y - ROW_HEIGHT < FOOTER_TOP + 40) ({ page, y } = await newPage());
		const [completed, course, type, approval, code] = COLUMNS;
		const at = (column: (typeof COLUMNS)[number]) =>
			({ x: column.x, y, align: 'left', maxWidth: column.width }) as const;
		drawLine(page, longDate(entry.completionDate), { ...cell, size: 8 }, at(completed));
		drawParagraph(page, entry.courseTitle, { ...cell, minSize: 7, maxLines: 2 }, at(course));
		drawLine(page, entry.courseType, cell, at(type));
		drawLine(page, entry.ncbtmbApprovalNumber ?? '—', cell, at(approval));
		drawLine(page, entry.code, { ...cell, size: 7, minSize: 5 }, at(code));
		drawLine(page, ceHours(entry.ceHours).replace(/ CE hours?$/, ''), cell, {
			x: HOURS_RIGHT,
			y,
			align: 'right',
			maxWidth: 30
		});
		page.drawLine({
			start: { x: LEFT, y: y - 18 },
			end: { x: RIGHT, y: y - 18 },
			color: LINE,
			thickness: 0.5
		});
		y -= ROW_HEIGHT;
	}

	// Totals, overall and by course type.
	if (y - 60 < FOOTER_TOP) ({ page, y } = await newPage());
	const total = totalsByType(print.entries).reduce((sum, [, hours]) => sum + hours, 0);
	drawLine(
		page,
		`Total: ${ceHours(total)}`,
		{ face: bold, color: INK, size: 11 },
		{
			x: HOURS_RIGHT,
			y: y - 4,
			align: 'right',
			maxWidth: RIGHT - LEFT
		}
	);
	const byType = totalsByType(print.entries)
		.map(([type, hours]) => `${type}: ${ceHours(hours)}`)
		.join('  ·  ');
	if (byType) {
		drawLine(page, byType, cell, {
			x: HOURS_RIGHT,
			y: y - 20,
			align: 'right',
			maxWidth: RIGHT - LEFT
		});
	}

	pages.forEach((current, index) => {
		drawLine(
			current,
			`Each certificate can be verified at ${print.siteUrl}/certificates/ followed by its code.`,
			small,
			{ x: LEFT, y: FOOTER_TOP - 30, align: 'left', maxWidth: RIGHT - LEFT - 70 }
		);
		drawLine(current, `Page ${index + 1} of ${pages.length}`, small, {
			x: RIGHT,
			y: FOOTER_TOP - 30,
			align: 'right',
			maxWidth: 70
		});
	});
	return doc.save();
}
