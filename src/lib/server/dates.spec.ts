import { describe, expect, it } from 'vitest';
import { addDays, dateInOrganisation, daysBetween, previousMonth } from './dates';

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
});
