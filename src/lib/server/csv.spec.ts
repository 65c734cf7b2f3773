import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvResponse, csvStream, csvText, type CsvValue } from './csv';

const HOSTILE: [string, string][] = [
	['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
	['+1+cmd|/C calc', `'+1+cmd|/C calc`],
	['-2+3', `'-2+3`],
	['@SUM(A1:A2)', `'@SUM(A1:A2)`],
	['\tTabbed', `'\tTabbed`],
	['\rReturned', `'\rReturned`]
];

function parsed(text: string): string[][] {
	return parse(text, { bom: true, relax_column_count: false });
}

describe('CSV', () => {
	it('round-trips through a CSV parser: quotes, commas, line breaks and Unicode', () => {
		const rows: CsvValue[][] = [
			['Zoë "Zee" O’Brien', 'line one\nline two', 'a,b', '<script>alert(1)</script>'],
			['', null, undefined, 'plain']
		];
		const text = csvText(['name', 'note', 'list', 'html'], rows);

		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(parsed(text)).toEqual([
			['name', 'note', 'list', 'html'],
			['Zoë "Zee" O’Brien', 'line one\nline two', 'a,b', '<script>alert(1)</script>'],
			['', '', '', 'plain']
		]);
	});

	it('neutralises text a spreadsheet would run as a formula, and only that', () => {
		const text = csvText(
			['value'],
			HOSTILE.map(([input]) => [input])
		);
		expect(parsed(text).slice(1)).toEqual(HOSTILE.map(([, safe]) => [safe]));

		const harmless = parsed(csvText(['a', 'b', 'c'], [['Ana-Maria', 'e-mail: x@y.z', 'A=B']]));
		expect(harmless[1]).toEqual(['Ana-Maria', 'e-mail: x@y.z', 'A=B']);
	});

	it('writes numbers as numbers, negative ones included', () => {
		const text = csvText(['r', 'n', 'none'], [[-0.25, 12, Number.NaN]]);
		expect(text).toContain('-0.25,12,\r\n');
		expect(parsed(text)[1]).toEqual(['-0.25', '12', '']);
	});

	it('streams page by page to the same text', async () => {
		async function* pages() {
			yield [['=one', 1]] as CsvValue[][];
			yield [] as CsvValue[][];
			yield [
				['two', 2],
				['three', 3]
			] as CsvValue[][];
		}
		const bytes = await new Response(csvStream(['name', 'n'], pages())).arrayBuffer();
		const streamed = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		expect(streamed).toBe(
			csvText(
				['name', 'n'],
				[
					['=one', 1],
					['two', 2],
					['three', 3]
				]
			)
		);
	});

	it('answers as a download with a safe file name', () => {
		const response = csvResponse('roster "x"/../.csv', 'a\r\n');
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="roster--x--..-.csv"'
		);
	});
});
