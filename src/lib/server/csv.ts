/**
 * CSV as RFC 4180 writes it (CRLF line ends, every text field in double quotes with inner quotes
 * doubled), made safe to open in a spreadsheet: text starting with =, +, -, @, a tab or a carriage
 * return would be read as a formula (OWASP "CSV injection"), so it gets a leading single quote.
 * Numbers the app computed are written as numbers, so a negative discrimination stays a number.
 */

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
/** Excel reads a file as UTF-8 only with a byte-order mark; csv-parse and others skip it. */
const BOM = '\uFEFF';

export function csvCell(value: CsvValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return `"${text.replaceAll('"', '""')}"`;
}

export function csvLine(values: readonly CsvValue[]): string {
	return `${values.map(csvCell).join(',')}\r\n`;
}

export function csvText(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
	let out = BOM + csvLine(header);
	for (const row of rows) out += csvLine(row);
	return out;
}

/**
 * A CSV body produced page by page. Between pages the stream waits for the event loop, so a
 * long export shares the one database connection with other requests instead of holding it.
 */
export function csvStream(
	header: readonly string[],
	pages: AsyncIterable<readonly (readonly CsvValue[])[]>
): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const iterator = pages[Symbol.asyncIterator]();
	let started = false;
	return new ReadableStream({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(encoder.encode(BOM + csvLine(header)));
				return;
			}
			await new Promise((resolve) => setImmediate(resolve));
			const next = await iterator.next();
			if (next.done) {
				controller.close();
				return;
			}
			controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
		},
		async cancel() {
			await iterator.return?.();
		}
	});
}

/** A download: the browser saves it under `filename` (letters, digits, dots and dashes only). */
export function csvResponse(filename: string, body: string | ReadableStream<Uint8Array>): Response {
	const safe = filename.replace(/[^A-Za-z0-9._-]/g, '-');
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${safe}"`
		}
	});
}
