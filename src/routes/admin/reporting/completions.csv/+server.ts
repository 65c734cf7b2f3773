import { requireRole } from '$lib/server/auth/guards';
import { csvResponse, csvText } from '$lib/server/csv';
import { getDb } from '$lib/server/db';
import { readQuery } from '$lib/server/forms';
import { auditExport } from '$lib/server/instructor/export-audit';
import {
	CE_BROKER_HEADER,
	ceBrokerRow,
	COMPLETION_HEADER,
	completionRow,
	listCompletions
} from '$lib/server/reporting/completions';
import { exportQuery, reportingFilter } from '$lib/server/reporting/query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const admin = requireRole(event, 'admin');
	const db = getDb();
	const { format, batch } = readQuery(event.url.searchParams, exportQuery);
	const params = new URLSearchParams(event.url.searchParams);
	params.delete('format');
	params.delete('batch');
	const filter = batch
		? { from: undefined, to: undefined, state: '', unreported: false, batchId: batch }
		: reportingFilter(params);
	const completions = await listCompletions(db, filter);
	await auditExport(db, event, admin.id, `completions-${format}`, null);
	const name = batch
		? `ce-report-${batch.slice(0, 8)}`
		: `completions-${filter.state || 'all'}-${filter.from ?? 'start'}-${filter.to ?? 'now'}`;
	return format === 'cebroker'
		? csvResponse(`${name}-cebroker.csv`, csvText(CE_BROKER_HEADER, completions.map(ceBrokerRow)))
		: csvResponse(`${name}.csv`, csvText(COMPLETION_HEADER, completions.map(completionRow)));
};
