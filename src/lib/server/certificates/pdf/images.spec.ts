import { describe, expect, it } from 'vitest';
import { ImageError, parseSvg } from './images';

const svg = (body: string, viewBox = '0 0 100 50') =>
	`<?xml version="1.0"?><!-- a comment --><svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}"><title>T</title>${body}</svg>`;

describe('parseSvg', () => {
	it('reads paths with inherited fill and stroke', () => {
		const image = parseSvg(
			svg(
				'<g fill="none" stroke="#123" stroke-width="2" stroke-linecap="round"><path d="M0 0L10 10"/></g><path d="M1 1h2v2z" fill="#abcdef"/>'
			)
		);
		expect(image.kind).toBe('vector');
		if (image.kind !== 'vector') return;
		expect(image.viewBox).toEqual([0, 0, 100, 50]);
		expect(image.paths).toHaveLength(2);
		expect(image.paths[0]).toMatchObject({ d: 'M0 0L10 10', fill: null, strokeWidth: 2 });
		expect(image.paths[1]?.stroke).toBeNull();
	});

	it.each([
		['<circle r="3"/>', 'uses <circle>'],
		['<path d="M0 0" transform="scale(2)"/>', '"transform" attribute'],
		['<path d="M0 0" style="fill:red"/>', '"style" attribute'],
		['<path d="M0 0" fill="red"/>', 'use #rgb, #rrggbb or none'],
		['<path d="url(#x)"/>', 'not path data'],
		['<path/>', 'without a d attribute'],
		['<path d="M0 0" fill="none"/>', 'draws nothing'],
		['<image href="x.png"/>', 'uses <image>']
	])('refuses %s', (body, message) => {
		expect(() => parseSvg(svg(body))).toThrow(message);
	});

	it('needs a viewBox and refuses DOCTYPEs', () => {
		expect(() => parseSvg(svg('<path d="M0 0h1"/>', '0 0 0 10'))).toThrow(ImageError);
		expect(() => parseSvg('<!DOCTYPE svg [<!ENTITY x "y">]><svg viewBox="0 0 1 1"/>')).toThrow(
			'DOCTYPE'
		);
		expect(() => parseSvg('<p>hello</p>')).toThrow(ImageError);
	});
});
