import { describe, expect, it } from 'vitest';
import { minuteRange, timedUnits } from './eightMinuteRule';

describe('timedUnits', () => {
	it('matches the CMS ranges at every boundary', () => {
		const cases: [number, number][] = [
			[0, 0],
			[7, 0],
			[8, 1],
			[22, 1],
			[23, 2],
			[37, 2],
			[38, 3],
			[52, 3],
			[53, 4],
			[67, 4],
			[68, 5],
			[127, 8],
			[128, 9]
		];
		for (const [minutes, units] of cases) expect(timedUnits(minutes), `${minutes} min`).toBe(units);
	});

	it('rejects minutes that are negative or not whole', () => {
		expect(() => timedUnits(-1)).toThrow(RangeError);
		expect(() => timedUnits(12.5)).toThrow(RangeError);
		expect(() => timedUnits(Number.NaN)).toThrow(RangeError);
	});
});

describe('minuteRange', () => {
	it('gives the inclusive range for each unit count', () => {
		expect(minuteRange(0)).toEqual({ from: 0, to: 7 });
		expect(minuteRange(1)).toEqual({ from: 8, to: 22 });
		expect(minuteRange(3)).toEqual({ from: 38, to: 52 });
		expect(minuteRange(8)).toEqual({ from: 113, to: 127 });
	});

	it('agrees with timedUnits at both ends of every range', () => {
		for (let units = 0; units <= 12; units++) {
			const { from, to } = minuteRange(units);
			expect(timedUnits(from)).toBe(units);
			expect(timedUnits(to)).toBe(units);
		}
	});
});
