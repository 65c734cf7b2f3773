import { ORGANISATION_TIME_ZONE } from './config';

/**
 * Calendar dates as the organisation counts them (YYYY-MM-DD in its time zone): date filters,
 * enrolment windows, code expiry and the CE Broker reporting deadline all use these.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant (a Date or an ISO string) in the organisation's time zone. */
export function dateInOrganisation(instant: Date | string, timeZone = ORGANISATION_TIME_ZONE) {
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
