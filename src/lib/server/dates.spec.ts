import { describe, expect, it } from 'vitest';
import { addDays, dateInOrganisation, daysBetween, previousMonth, startOfDay } from './dates';

describe('organisation dates', () => {
	it('take the date in the organisation’s time zone, not UTC', () => {
		// 02:30 UTC on 1 December is still 30 November in New York.
		expect(dateInOrganisation('2026-12-01T02:30:00Z', 'America/New_York')).toBe('2026-11-30');
		expect(dateInOrganisation(new Date('2026-12-01T05:30:00Z'), 'America/New_York')).toBe(
			'2026-12-01'
		);
	});

	it('count days across month and year ends', () => {
		expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
		expect(daysBetween('2026-12-15', '2027-01-14')).toBe(30);
		expect(daysBetween('2027-01-14', '2026-12-15')).toBe(-30);
	});

	it('know last month, including across a year and in a leap year', () => {
		expect(previousMonth('2027-01-09')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
		expect(previousMonth('2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
	});

	it('know when a day begins in the organisation’s time zone, daylight saving included', () => {
		expect(startOfDay('2026-12-15', 'America/New_York')).toBe('2026-12-15T05:00:00.000Z');
		expect(startOfDay('2026-07-15', 'America/New_York')).toBe('2026-07-15T04:00:00.000Z');
		// The day the clocks go forward (8 March 2026) still begins at midnight standard time.
		expect(startOfDay('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
		expect(startOfDay('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
		expect(startOfDay('2026-12-15', 'UTC')).toBe('2026-12-15T00:00:00.000Z');
	});
});
