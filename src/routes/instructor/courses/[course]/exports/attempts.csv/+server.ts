import { csvResponse, csvStream } from '$lib/server/csv';
import { getDb } from '$lib/server/db';
import { readQuery } from '$lib/server/forms';
import { requireCourseStaff } from '$lib/server/instructor/access';
import { auditExport } from '$lib/server/instructor/export-audit';
import { ATTEMPTS_HEADER, attemptsCsvPages, dateRange } from '$lib/server/instructor/exports';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = getDb();
	const { user, course } = await requireCourseStaff(event, db, event.params.course);
	const range = readQuery(event.url.searchParams, dateRange);
	await auditExport(db, event, user.id, 'attempts', course.id);
	return csvResponse(
		`${course.id}-attempts.csv`,
		csvStream(ATTEMPTS_HEADER, attemptsCsvPages(db, course.id, range))
	);
};
