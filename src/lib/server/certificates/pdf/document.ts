import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { embedFace, loadFontFiles, type Face } from './fonts';

// Fixed metadata: together with the seeded RNG pdf-lib uses for resource names, this makes the
// output a pure function of the input (no clock, no random document ID; pdf-lib writes no /ID).
const PRODUCER = 'MMPA Academy';

export interface PdfMetadata {
	title: string;
	subject: string;
	author: string;
	/** The document's creation and modification date: a stored date, never the clock. */
	date: Date;
}

/** A new PDF with its metadata fixed and both weights of the certificate font embedded. */
export async function createPdf(
	metadata: PdfMetadata
): Promise<{ doc: PDFDocument; regular: Face; bold: Face }> {
	if (Number.isNaN(metadata.date.getTime())) throw new Error('Invalid document date');
	const doc = await PDFDocument.create({ updateMetadata: false });
	doc.registerFontkit(fontkit);
	const files = await loadFontFiles();
	const regular = await embedFace(doc, 'regular', files.regular);
	const bold = await embedFace(doc, 'bold', files.bold);
	doc.setTitle(metadata.title);
	doc.setSubject(metadata.subject);
	doc.setAuthor(metadata.author);
	doc.setProducer(PRODUCER);
	doc.setCreator(PRODUCER);
	doc.setCreationDate(metadata.date);
	doc.setModificationDate(metadata.date);
	doc.setLanguage('en-US');
	return { doc, regular, bold };
}
