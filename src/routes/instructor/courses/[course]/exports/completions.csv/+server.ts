import { csvResponse, csvText } from '$lib/server/csv';
import { getDb } from '$lib/server/db';
import { readQuery } from '$lib/server/forms';
import { requireCourseStaff } from '$lib/server/instructor/access';
import { auditExport } from '$lib/server/instructor/export-audit';
import {
	COMPLETION_HEADER,
	completionFilter,
	completionRow,
	listCompletions
} from '$lib/server/reporting/completions';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = getDb();
	const { user, course } = await requireCourseStaff(event, db, event.params.course);
	const filter = readQuery(event.url.searchParams, completionFilter);
	const completions = await listCompletions(db, { ...filter, courseIds: [course.id] });
	await auditExport(db, event, user.id, 'completions', course.id);
	return csvResponse(
		`${course.id}-completions.csv`,
		csvText(COMPLETION_HEADER, completions.map(completionRow))
	);
};
