/**
 * How dates and hours read everywhere (pages, certificates, transcripts, credentials), the same on
 * every machine whatever its locale or time zone.
 */

/** "1 CE hour", "1.5 CE hours": NCBTMB wants CE hours, never CEUs. */
export function ceHours(hours: number): string {
	if (!Number.isFinite(hours) || hours < 0) throw new Error(`Invalid CE hours: ${hours}`);
	const rounded = Math.round(hours * 100) / 100;
	return `${rounded} CE ${rounded === 1 ? 'hour' : 'hours'}`;
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
] as const;

/** A YYYY-MM-DD calendar date (or the date part of an ISO timestamp) as "November 28, 2026". */
export function longDate(isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:T|$)/.exec(isoDate);
	const [year, month, day] = (match?.slice(1) ?? []).map(Number);
	const month0 = (month ?? 0) - 1;
	const valid =
		year !== undefined &&
		day !== undefined &&
		month0 >= 0 &&
		month0 < 12 &&
		new Date(Date.UTC(year, month0, day)).getUTCDate() === day;
	if (!valid) throw new Error(`Invalid date: ${isoDate}`);
	return `${MONTHS[month0]} ${day}, ${year}`;
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function calendarDate(instant: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(instant);
}

/** "42%" of a count, or "—" when there is nothing to divide by. */
export function share(part: number, whole: number): string {
	return whole === 0 ? '—' : `${Math.round((part * 100) / whole)}%`;
}

/** "?q=ana&page=2" from the parameters that have a value; "?" when none has. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
	const entries = Object.entries(params).flatMap(([key, value]) =>
		value === undefined || value === null || value === '' ? [] : [[key, String(value)]]
	);
	return `?${new URLSearchParams(entries).toString()}`;
}

/** An estimated length: "about 45 minutes", "about 1 hour", "about 2 hours 30 minutes". */
export function duration(minutes: number): string {
	if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`Invalid minutes: ${minutes}`);
	const total = Math.round(minutes);
	const hours = Math.floor(total / 60);
	const rest = total % 60;
	const h = hours === 1 ? '1 hour' : `${hours} hours`;
	const m = rest === 1 ? '1 minute' : `${rest} minutes`;
	if (hours === 0) return `about ${m}`;
	return rest === 0 ? `about ${h}` : `about ${h} ${m}`;
}
