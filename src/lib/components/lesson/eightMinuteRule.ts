/**
 * Counting 15-minute timed units the way CMS does for Medicare outpatient therapy
 * (Medicare Claims Processing Manual, ch. 5, §20.2): add up the direct, timed minutes of the day,
 * take whole 15-minute blocks, and count one more unit when 8 or more minutes are left over.
 * Only payers that adopt this method use it; lessons say so next to every use.
 */

/** Minutes in one timed unit. */
export const UNIT_MINUTES = 15;

/** Leftover minutes that earn one more unit (more than half of 15). */
export const THRESHOLD_MINUTES = 8;

/** The largest number of minutes the calculator accepts: a long treatment day, not a typo. */
export const MAX_MINUTES = 600;

/** Units billable for a day's total timed minutes under the CMS method. */
export function timedUnits(totalMinutes: number): number {
	if (!Number.isInteger(totalMinutes) || totalMinutes < 0) {
		throw new RangeError(`minutes must be a whole number of at least 0, got ${totalMinutes}`);
	}
	const whole = Math.floor(totalMinutes / UNIT_MINUTES);
	const remainder = totalMinutes % UNIT_MINUTES;
	return whole + (remainder >= THRESHOLD_MINUTES ? 1 : 0);
}

/** The minute range (inclusive) that yields `units` units; unit 0 is 0 to 7 minutes. */
export function minuteRange(units: number): { from: number; to: number } {
	if (!Number.isInteger(units) || units < 0) {
		throw new RangeError(`units must be a whole number of at least 0, got ${units}`);
	}
	if (units === 0) return { from: 0, to: THRESHOLD_MINUTES - 1 };
	const from = (units - 1) * UNIT_MINUTES + THRESHOLD_MINUTES;
	return { from, to: from + UNIT_MINUTES - 1 };
}
