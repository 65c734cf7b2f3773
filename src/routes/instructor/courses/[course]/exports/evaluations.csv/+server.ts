import { csvResponse, csvText } from '$lib/server/csv';
import { getDb } from '$lib/server/db';
import { readQuery } from '$lib/server/forms';
import { requireCourseStaff } from '$lib/server/instructor/access';
import { auditExport } from '$lib/server/instructor/export-audit';
import { dateRange, EVALUATIONS_HEADER, evaluationsCsvRows } from '$lib/server/instructor/exports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = getDb();
	const { user, course } = await requireCourseStaff(event, db, event.params.course);
	const range = readQuery(event.url.searchParams, dateRange);
	const rows = await evaluationsCsvRows(db, course.id, range);
	await auditExport(db, event, user.id, 'evaluations', course.id);
	return csvResponse(`${course.id}-evaluations.csv`, csvText(EVALUATIONS_HEADER, rows));
};
