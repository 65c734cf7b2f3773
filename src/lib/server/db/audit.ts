import type { Database } from './index';
import type { AuditEntry } from './schema';

export interface AuditEvent {
	action: string;
	actorUserId?: string | null;
	subject?: { type: string; id: string };
	ip?: string | null;
	details?: Record<string, unknown>;
}

/** Appends one event to the audit log. Pass a transaction to record it with the change itself. */
export async function recordAudit(db: Database, event: AuditEvent, now = new Date()) {
	await db
		.insertInto('audit_log')
		.values({
			id: crypto.randomUUID(),
			at: now.toISOString(),
			actor_user_id: event.actorUserId ?? null,
			action: event.action,
			subject_type: event.subject?.type ?? null,
			subject_id: event.subject?.id ?? null,
			ip: event.ip ?? null,
			details: event.details ? JSON.stringify(event.details) : null
		})
		.execute();
}

export function auditEntriesFor(
	db: Database,
	subject: { type: string; id: string }
): Promise<AuditEntry[]> {
	return db
		.selectFrom('audit_log')
		.selectAll()
		.where('subject_type', '=', subject.type)
		.where('subject_id', '=', subject.id)
		.orderBy('at')
		.execute();
}
