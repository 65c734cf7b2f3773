import { auditQuery, searchAuditLog } from '$lib/server/admin/audit-log';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { timeInOrganisation } from '$lib/server/dates';
import { readQuery } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const query = readQuery(event.url.searchParams, auditQuery);
	const result = await searchAuditLog(getDb(), query);
	const next = new URLSearchParams(event.url.searchParams);
	if (result.next) next.set('before', result.next);
	return {
		query,
		unknownPerson: result.unknownPerson,
		nextHref: result.next ? `?${next}` : null,
		entries: result.entries.map((e) => ({ ...e, at: timeInOrganisation(e.at) }))
	};
};
