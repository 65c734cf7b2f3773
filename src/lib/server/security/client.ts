import type { RequestEvent } from '@sveltejs/kit';

/**
 * The client's address as adapter-node reports it: the socket's peer, or with `ADDRESS_HEADER`
 * and `XFF_DEPTH` set, the address the trusted proxy saw. A request that bypasses a configured
 * proxy lacks the header; it is counted as 'unknown' rather than failing.
 */
export function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress() || 'unknown';
	} catch {
		return 'unknown';
	}
}

/** Who asked and from where, for sessions, rate limits and the audit log. */
export function requestOrigin(event: Pick<RequestEvent, 'getClientAddress' | 'request'>) {
	return { ip: clientIp(event), userAgent: event.request.headers.get('user-agent') };
}
