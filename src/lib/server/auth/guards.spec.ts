import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './guards';

describe('safeRedirectTarget', () => {
	it('keeps a path on this site, with its query', () => {
		expect(safeRedirectTarget('/courses/x?y=1')).toBe('/courses/x?y=1');
	});

	it.each([
		['another origin', 'https://evil.example'],
		['a protocol-relative URL', '//evil.example'],
		['a backslash trick', '/\\evil.example'],
		['a dot segment hiding //', '/.//evil.example'],
		['a dot-dot segment hiding //', '/..//evil.example'],
		['an encoded dot segment', '/%2e//evil.example'],
		['a javascript: URL', 'javascript:alert(1)'],
		['an empty value', ''],
		['no value', null]
	])('sends %s to the dashboard', (_, value) => {
		expect(safeRedirectTarget(value)).toBe('/dashboard');
	});
});
