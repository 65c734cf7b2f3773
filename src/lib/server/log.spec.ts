import { describe, expect, it } from 'vitest';
import { requestIdFrom } from './log';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
	it('makes a new id unless a trusted proxy header is configured', () => {
		const headers = new Headers({ 'x-request-id': 'from-the-client' });
		expect(requestIdFrom(headers, undefined)).toMatch(UUID);
		expect(requestIdFrom(headers, 'x-request-id')).toBe('from-the-client');
		expect(requestIdFrom(new Headers(), 'x-request-id')).toMatch(UUID);
	});

	it('replaces an incoming id that could forge or flood log lines', () => {
		for (const hostile of ['a\nb', 'x'.repeat(129), '<script>', 'id with spaces']) {
			const headers = new Headers({ 'x-request-id': hostile.replace('\n', ' ') });
			expect(requestIdFrom(headers, 'x-request-id')).toMatch(UUID);
		}
	});
});
