/**
 * Settings read from the environment. The issuer's details move to a validated configuration file
 * with the certificate work; until then these are the organisation's defaults.
 */

export const PROVIDER_NAME = 'Medical Massage Practitioners of America';

/** Dates on certificates are calendar dates in the organisation's time zone. */
export const ORGANISATION_TIME_ZONE = process.env.ORGANISATION_TIME_ZONE || 'America/New_York';

/**
 * The public origin used in absolute links (certificate QR codes): configured, never taken from a
 * request's Host header, which a client controls. adapter-node reads the same ORIGIN variable.
 */
export function siteOrigin(): string {
	const origin = process.env.ORIGIN || `http://localhost:${process.env.PORT || 3000}`;
	return origin.replace(/\/+$/, '');
}

export function providerContact(): string {
	return process.env.PROVIDER_CONTACT || siteOrigin();
}
