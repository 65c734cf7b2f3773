import { pino } from 'pino';

/**
 * The server's log: JSON lines on stdout, one object per event, for a log shipper or
 * `journalctl -o cat | jq`. `LOG_LEVEL` (trace, debug, info, warn, error, fatal, silent) sets how
 * much; the default is `info`, and `silent` under Vitest unless LOG_LEVEL is set.
 *
 * Never log a request's headers, cookies, body or query string: they carry session tokens,
 * passwords and reset links. The paths below are removed should anyone pass such an object.
 */
export const logger = pino({
	level: process.env.LOG_LEVEL || (process.env.VITEST ? 'silent' : 'info'),
	base: { service: 'mmpa-academy' },
	timestamp: pino.stdTimeFunctions.isoTime,
	redact: {
		paths: [
			'headers',
			'cookies',
			'password',
			'*.password',
			'*.headers',
			'*.cookie',
			'*.cookies',
			'token',
			'*.token'
		],
		remove: true
	}
});

const INCOMING_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The id that ties a request's log lines together and is echoed in `X-Request-Id`. A proxy's id
 * is kept only when `REQUEST_ID_HEADER` names the header it sets (the proxy overwrites whatever
 * the client sent), and only if it looks like an id; otherwise a new UUID.
 */
export function requestIdFrom(
	headers: Headers,
	trustedHeader = process.env.REQUEST_ID_HEADER
): string {
	const incoming = trustedHeader ? headers.get(trustedHeader) : null;
	return incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
}
