import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { dateInOrganisation, timeInOrganisation } from '$lib/server/dates';
import { invalid, readForm, refused, text } from '$lib/server/forms';
import {
	completionFilter,
	daysLeft,
	listCompletions,
	listReportBatches,
	markReported,
	REPORTING_DAYS,
	reportingStatus
} from '$lib/server/reporting/completions';
import { reportingFilter } from '$lib/server/reporting/query';
import { clientIp } from '$lib/server/security/client';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const db = getDb();
	const filter = reportingFilter(event.url.searchParams);
	const now = new Date();
	const today = dateInOrganisation(now);
	const [completions, batches] = await Promise.all([
		listCompletions(db, filter),
		listReportBatches(db)
	]);
	const search = new URLSearchParams({
		from: filter.from ?? '',
		to: filter.to ?? '',
		state: filter.state,
		...(filter.unreported ? { unreported: '1' } : {})
	}).toString();
	return {
		filter,
		search,
		today,
		reportingDays: REPORTING_DAYS,
		// What "mark as reported" covers: completions issued by the time this page was made.
		asOf: now.toISOString(),
		completions: completions.map((c) => ({
			...c,
			status: reportingStatus(c, today),
			daysLeft: daysLeft(c, today)
		})),
		batches: batches.map((b) => ({ ...b, reportedAt: timeInOrganisation(b.reportedAt) }))
	};
};

const Mark = completionFilter.extend({
	asOf: text('when the list was shown', 40).refine((v) => !Number.isNaN(Date.parse(v)), {
		error: 'Reload the page and mark the completions again.'
	})
});

export const actions: Actions = {
	markReported: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await readForm(event.request, Mark);
		if (!form.ok) return invalid(form);
		const { asOf, ...filter } = form.data;
		const result = await markReported(getDb(), filter, asOf, {
			userId: admin.id,
			ip: clientIp(event)
		});
		if (result.count === 0) return refused('Every completion in this list is already reported.');
		return {
			notice: `Marked ${result.count} completion${result.count === 1 ? '' : 's'} as reported.`,
			batchId: result.batchId
		};
	}
};
