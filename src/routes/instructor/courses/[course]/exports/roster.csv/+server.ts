import { csvResponse, csvText } from '$lib/server/csv';
import { getDb } from '$lib/server/db';
import { readQuery } from '$lib/server/forms';
import { requireCourseStaff } from '$lib/server/instructor/access';
import { auditExport } from '$lib/server/instructor/export-audit';
import { rosterCsvRow, rosterHeader } from '$lib/server/instructor/exports';
import { courseRoster, rosterQuery, selectRoster } from '$lib/server/instructor/roster';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = getDb();
	const { user, course } = await requireCourseStaff(event, db, event.params.course);
	const query = readQuery(event.url.searchParams, rosterQuery);
	const rows = selectRoster(await courseRoster(db, course), query);
	await auditExport(db, event, user.id, 'roster', course.id);
	return csvResponse(
		`${course.id}-roster.csv`,
		csvText(rosterHeader(course), rows.map(rosterCsvRow))
	);
};
