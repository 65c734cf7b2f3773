/** "1 CE hour", "1.5 CE hours": NCBTMB wants CE hours, never CEUs. */
export function ceHours(hours: number): string {
	return `${hours} CE ${hours === 1 ? 'hour' : 'hours'}`;
}

/** A YYYY-MM-DD calendar date as "November 28, 2026", the same on every machine. */
export function longDate(isoDate: string): string {
	const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
	return new Intl.DateTimeFormat('en-US', {
		dateStyle: 'long',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(year!, month! - 1, day!)));
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
