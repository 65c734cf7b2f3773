import { issuerSettings } from './config';

/**
 * Calendar dates as the organisation counts them (YYYY-MM-DD in its time zone): date filters,
 * enrolment windows, code expiry and the CE Broker reporting deadline all use these.
 */

/** The organisation's time zone, from the same settings that date its certificates. */
function organisationTimeZone(): string {
	return issuerSettings().timeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant (a Date or an ISO string) in the organisation's time zone. */
export function dateInOrganisation(instant: Date | string, timeZone = organisationTimeZone()) {
	let format = formatters.get(timeZone);
	if (!format) {
		// One formatter per zone: building one costs far more than formatting with it.
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		formatters.set(timeZone, format);
	}
	return format.format(typeof instant === 'string' ? new Date(instant) : instant);
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-15 14:05": an instant as the organisation's clocks showed it, for tables. */
export function timeInOrganisation(instant: string, timeZone = organisationTimeZone()): string {
	let format = timeFormatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		timeFormatters.set(timeZone, format);
	}
	return format.format(new Date(instant)).replace(',', '');
}

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** Days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first and last day of the calendar month before the one `today` is in. */
export function previousMonth(today: string): { from: string; to: string } {
	const [year, month] = today.split('-').map(Number) as [number, number];
	const first = new Date(Date.UTC(year, month - 2, 1));
	const last = new Date(Date.UTC(year, month - 1, 0));
	return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** Minutes the zone is ahead of UTC at that instant (New York in winter: -300). */
function offsetMinutes(instant: Date, timeZone: string): number {
	const name =
		new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
			.formatToParts(instant)
			.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
	if (!match) return 0;
	return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * The instant (ISO, UTC) a calendar day begins in the organisation's time zone, so that a range
 * of days selects stored UTC timestamps the way the organisation counts them.
 */
export function startOfDay(date: string, timeZone = organisationTimeZone()): string {
	const midnightUtc = Date.parse(`${date}T00:00:00Z`);
	let instant = midnightUtc - offsetMinutes(new Date(midnightUtc), timeZone) * 60_000;
	// Across a daylight-saving change the offset at the result can differ: take that one.
	instant = midnightUtc - offsetMinutes(new Date(instant), timeZone) * 60_000;
	return new Date(instant).toISOString();
}
