import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import { clientIp } from '../security/client';

/** Exports carry people's records out of the app: each download is in the audit log. */
export async function auditExport(
	db: Database,
	event: Pick<RequestEvent, 'getClientAddress' | 'url'>,
	actorUserId: string,
	kind: string,
	courseId: string | null
): Promise<void> {
	await recordAudit(db, {
		action: 'export.download',
		actorUserId,
		subject: courseId ? { type: 'course', id: courseId } : undefined,
		ip: clientIp(event),
		details: { kind, query: event.url.search }
	});
}
