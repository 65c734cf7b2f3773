import { readFileSync } from 'node:fs';

/**
 * The time the spaced review schedules by. In production it is the system clock, always.
 *
 * The end-to-end tests must see a question come back days later without waiting for days, so a
 * test server started with ACADEMY_TEST_CLOCK_FILE reads an offset in milliseconds from that file
 * (absent or empty: none) and adds it. Nothing a request sends can reach it: only whoever starts
 * the server picks the file, and it is ignored outright when NODE_ENV is `production`.
 */
export function now(): Date {
	return new Date(Date.now() + testOffset());
}

function testOffset(): number {
	// Read by name at run time: a bundler must not fold it into the build.
	const file = process.env['ACADEMY_TEST_CLOCK_FILE'];
	if (!file || process.env['NODE_ENV'] === 'production') return 0;
	let text: string;
	try {
		text = readFileSync(file, 'utf8').trim();
	} catch {
		return 0;
	}
	const offset = Number(text);
	return Number.isFinite(offset) ? offset : 0;
}
