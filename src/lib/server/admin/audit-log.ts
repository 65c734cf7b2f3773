import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db';
import { findUserByEmail } from '../db/users';
import { addDays, startOfDay } from '../dates';
import { optionalDate } from '../forms';

export const AUDIT_PAGE_SIZE = 100;

export const auditQuery = z.object({
	/** The start of an action name: `auth.` for every sign-in event, `enrollment.code` … */
	action: z
		.string({ error: 'Give the action once.' })
		.trim()
		.max(100, { error: 'Give at most 100 characters of the action.' })
		.default(''),
	/** The e-mail of the person who acted or was acted on. */
	person: z
		.string({ error: 'Give the e-mail address once.' })
		.trim()
		.max(254, { error: 'That is too long for an e-mail address.' })
		.default(''),
	from: optionalDate('the first date'),
	to: optionalDate('the last date'),
	/** Where the previous page ended: `<at>|<id>`. */
	before: z
		.string({ error: 'Give the page once.' })
		.regex(/^[0-9TZ:.-]+\|[0-9a-f-]+$/i, { error: 'That page marker is not valid.' })
		.optional()
});
export type AuditQuery = z.output<typeof auditQuery>;

export interface ListedAuditEntry {
	id: string;
	at: string;
	action: string;
	actor: { id: string; name: string; email: string } | null;
	actorId: string | null;
	subjectType: string | null;
	subjectId: string | null;
	ip: string | null;
	details: string | null;
}

/** The log, newest first, a page at a time; `next` marks where the following page begins. */
export async function searchAuditLog(
	db: Database,
	query: AuditQuery
): Promise<{ entries: ListedAuditEntry[]; next: string | null; unknownPerson: boolean }> {
	let personId: string | undefined;
	if (query.person) {
		personId = (await findUserByEmail(db, query.person))?.id;
		if (!personId) return { entries: [], next: null, unknownPerson: true };
	}
	let select = db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.actor_user_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.action',
			'audit_log.actor_user_id',
			'audit_log.subject_type',
			'audit_log.subject_id',
			'audit_log.ip',
			'audit_log.details',
			'user.name as actor_name',
			'user.email as actor_email'
		])
		.orderBy('audit_log.at', 'desc')
		.orderBy('audit_log.id', 'desc')
		.limit(AUDIT_PAGE_SIZE + 1);
	if (query.action) {
		const prefix = `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		select = select.where(sql<boolean>`audit_log.action like ${prefix} escape '\\'`);
	}
	if (personId) {
		const id = personId;
		select = select.where((eb) =>
			eb.or([
				eb('audit_log.actor_user_id', '=', id),
				eb.and([eb('audit_log.subject_type', '=', 'user'), eb('audit_log.subject_id', '=', id)])
			])
		);
	}
	if (query.from) select = select.where('audit_log.at', '>=', startOfDay(query.from));
	if (query.to) select = select.where('audit_log.at', '<', startOfDay(addDays(query.to, 1)));
	if (query.before) {
		const [at, id] = query.before.split('|') as [string, string];
		select = select.where((eb) =>
			eb.or([
				eb('audit_log.at', '<', at),
				eb.and([eb('audit_log.at', '=', at), eb('audit_log.id', '<', id)])
			])
		);
	}
	const rows = await select.execute();
	const page = rows.slice(0, AUDIT_PAGE_SIZE);
	const last = page.at(-1);
	return {
		unknownPerson: false,
		next: rows.length > AUDIT_PAGE_SIZE && last ? `${last.at}|${last.id}` : null,
		entries: page.map((r) => ({
			id: r.id,
			at: r.at,
			action: r.action,
			actorId: r.actor_user_id,
			actor:
				r.actor_user_id && r.actor_name !== null && r.actor_email !== null
					? { id: r.actor_user_id, name: r.actor_name, email: r.actor_email }
					: null,
			subjectType: r.subject_type,
			subjectId: r.subject_id,
			ip: r.ip,
			details: r.details
		}))
	};
}
