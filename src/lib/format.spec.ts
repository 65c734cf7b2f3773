import { describe, expect, it } from 'vitest';
import { calendarDate, ceHours, duration, longDate } from './format';

describe('longDate', () => {
	it('writes the date out, without the machine locale or time zone', () => {
		expect(longDate('2026-11-28')).toBe('November 28, 2026');
		expect(longDate('2027-01-01')).toBe('January 1, 2027');
		expect(longDate('2028-02-29')).toBe('February 29, 2028');
		expect(longDate('2026-11-28T23:59:59.000Z')).toBe('November 28, 2026');
	});

	it('refuses what is not a calendar date', () => {
		expect(() => longDate('2027-02-29')).toThrow();
		expect(() => longDate('2026-13-01')).toThrow();
		expect(() => longDate('28/11/2026')).toThrow();
	});
});

describe('ceHours', () => {
	it('says CE hours, singular and plural', () => {
		expect(ceHours(1)).toBe('1 CE hour');
		expect(ceHours(1.5)).toBe('1.5 CE hours');
		expect(ceHours(0.25)).toBe('0.25 CE hours');
		expect(ceHours(12)).toBe('12 CE hours');
	});

	it('refuses what is not a number of hours', () => {
		expect(() => ceHours(Number.NaN)).toThrow();
		expect(() => ceHours(-1)).toThrow();
	});
});

describe('calendarDate', () => {
	it('gives the calendar date in the given time zone, not in UTC', () => {
		const instant = new Date('2026-11-28T03:00:00Z');

		expect(calendarDate(instant, 'America/New_York')).toBe('2026-11-27');
		expect(calendarDate(instant, 'UTC')).toBe('2026-11-28');
	});
});

describe('duration', () => {
	it('reads as hours and minutes, singular and plural', () => {
		expect(duration(45)).toBe('about 45 minutes');
		expect(duration(1)).toBe('about 1 minute');
		expect(duration(60)).toBe('about 1 hour');
		expect(duration(61)).toBe('about 1 hour 1 minute');
		expect(duration(150)).toBe('about 2 hours 30 minutes');
	});

	it('refuses what is not a number of minutes', () => {
		expect(() => duration(Number.NaN)).toThrow();
		expect(() => duration(-5)).toThrow();
	});
});
