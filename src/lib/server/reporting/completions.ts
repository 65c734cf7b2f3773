import { z } from 'zod';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import type { CsvValue } from '../csv';
import { addDays, daysBetween } from '../dates';
import { optionalDate } from '../forms';

/**
 * Course completions as continuing-education records, and their reporting to CE Broker, which
 * Florida requires of providers within 30 days of completion. A completion is reported once per
 * student and course (a reissued certificate is the same completion).
 */
export const REPORTING_DAYS = 30;

export interface Completion {
	certificateId: string;
	code: string;
	userId: string;
	courseId: string;
	courseTitle: string;
	holderName: string;
	email: string;
	licenseNumber: string | null;
	licenseState: string | null;
	/** The provider's CE Broker / Florida registration number, when the certificate recorded it. */
	providerNumber: string | null;
	/** The course's program (CE Broker course tracking) number, when the certificate recorded it. */
	programNumber: string | null;
	completionDate: string;
	ceHours: number;
	issuedAt: string;
	/** The last day to report it: the completion date plus 30 days. */
	reportDue: string;
	reported: { batchId: string; reportedAt: string } | null;
}

export const completionFilter = z.object({
	from: optionalDate('the first completion date'),
	to: optionalDate('the last completion date'),
	/** Two-letter state of the license, e.g. FL; empty for every state. */
	state: z
		.string({ error: 'Give the state once.' })
		.trim()
		.toUpperCase()
		.refine((v) => v === '' || /^[A-Z]{2}$/.test(v), {
			error: 'Give the state as two letters, like FL.'
		})
		.default(''),
	unreported: z
		.enum(['', '1'], { error: 'Unreported only is 1 or left out.' })
		.default('')
		.transform((v) => v === '1')
});
export type CompletionFilter = z.output<typeof completionFilter>;

/** Completions in the range, oldest first; revoked and replaced certificates are left out. */
export async function listCompletions(
	db: Database,
	filter: CompletionFilter & { courseIds?: readonly string[]; batchId?: string; issuedBy?: string }
): Promise<Completion[]> {
	let query = db
		.selectFrom('certificate')
		.innerJoin('user', 'user.id', 'certificate.user_id')
		.leftJoin('ce_report', (join) =>
			join
				.onRef('ce_report.user_id', '=', 'certificate.user_id')
				.onRef('ce_report.course_id', '=', 'certificate.course_id')
		)
		.leftJoin('ce_report_batch', 'ce_report_batch.id', 'ce_report.batch_id')
		.selectAll('certificate')
		.select([
			'user.email',
			'user.license_number as user_license_number',
			'user.license_state as user_license_state',
			'ce_report.batch_id',
			'ce_report_batch.reported_at'
		])
		// What the certificate printed: the holder's license and the numbers as issued. A replaced
		// or revoked certificate is no completion to report.
		.where('certificate.superseded_at', 'is', null)
		.where('certificate.revoked_at', 'is', null)
		.orderBy('certificate.completion_date')
		.orderBy('certificate.issued_at');
	if (filter.from) query = query.where('certificate.completion_date', '>=', filter.from);
	if (filter.to) query = query.where('certificate.completion_date', '<=', filter.to);
	if (filter.courseIds) {
		if (filter.courseIds.length === 0) return [];
		query = query.where('certificate.course_id', 'in', filter.courseIds);
	}
	if (filter.batchId) query = query.where('ce_report.batch_id', '=', filter.batchId);
	if (filter.unreported) query = query.where('ce_report.batch_id', 'is', null);
	if (filter.issuedBy) query = query.where('certificate.issued_at', '<=', filter.issuedBy);
	const rows = await query.execute();

	return rows.flatMap((row) => {
		// Certificates issued before the snapshot columns have the account's license instead.
		const licenseState = row.holder_license_state || row.user_license_state;
		if (filter.state && licenseState !== filter.state) return [];
		return [
			{
				certificateId: row.id,
				code: row.code,
				userId: row.user_id,
				courseId: row.course_id,
				courseTitle: row.course_title,
				holderName: row.holder_name,
				email: row.email,
				licenseNumber: row.holder_license_number || row.user_license_number,
				licenseState,
				providerNumber: row.provider_florida_number || null,
				programNumber: row.florida_program_number || null,
				completionDate: row.completion_date,
				ceHours: row.ce_hours,
				issuedAt: row.issued_at,
				reportDue: addDays(row.completion_date, REPORTING_DAYS),
				reported:
					row.batch_id && row.reported_at
						? { batchId: row.batch_id, reportedAt: row.reported_at }
						: null
			}
		];
	});
}

export type ReportingStatus = 'reported' | 'due' | 'overdue';

/** Reported, still within its 30 days, or past them. */
export function reportingStatus(c: Completion, today: string): ReportingStatus {
	if (c.reported) return 'reported';
	return today > c.reportDue ? 'overdue' : 'due';
}

export function daysLeft(c: Completion, today: string): number {
	return daysBetween(today, c.reportDue);
}

/** Every column a person (or a board's auditor) reads, with a header. */
export const COMPLETION_HEADER = [
	'Participant',
	'E-mail',
	'License number',
	'License state',
	'Provider number',
	'Program number',
	'Course ID',
	'Course',
	'Completion date',
	'CE hours',
	'Certificate code',
	'Report due',
	'Reported on',
	'Report batch'
];

export function completionRow(c: Completion): CsvValue[] {
	return [
		c.holderName,
		c.email,
		c.licenseNumber,
		c.licenseState,
		c.providerNumber,
		c.programNumber,
		c.courseId,
		c.courseTitle,
		c.completionDate,
		c.ceHours,
		c.code,
		c.reportDue,
		c.reported?.reportedAt.slice(0, 10) ?? null,
		c.reported?.batchId ?? null
	];
}

/**
 * The columns of CE Broker's roster upload (full credit), in its order: A provider tracking
 * number without "50-", B course tracking number without "20-", C our own course id, D publishing
 * number (left empty), E license number, F completion date as M/D/YYYY, G "State=XX",
 * H profession (left empty: set it in the sheet if the board asks). CE Broker takes the sheet as
 * an Excel file: open this CSV and save it as .xls.
 */
export const CE_BROKER_HEADER = [
	'Provider tracking number',
	'Course tracking number',
	'Course ID',
	'Publishing number',
	'License number',
	'Date completed',
	'State',
	'Profession'
];

export function ceBrokerRow(c: Completion): CsvValue[] {
	const [year, month, day] = c.completionDate.split('-').map(Number);
	return [
		c.providerNumber?.replace(/^50-/, '') ?? null,
		c.programNumber?.replace(/^20-/, '') ?? null,
		c.courseId,
		null,
		c.licenseNumber,
		`${month}/${day}/${year}`,
		c.licenseState ? `State=${c.licenseState}` : null,
		null
	];
}

export interface ReportBatch {
	id: string;
	reportedAt: string;
	reportedBy: string | null;
	filter: string;
	completions: number;
}

/**
 * Records the unreported completions matching the filter, issued by `asOf` (when the admin looked
 * at them), as reported in one batch. Completions issued later, or reported meanwhile by someone
 * else, are not in it.
 */
export async function markReported(
	db: Database,
	filter: CompletionFilter,
	asOf: string,
	actor: { userId: string; ip: string },
	now = new Date()
): Promise<{ batchId: string; count: number }> {
	return db.transaction().execute(async (trx) => {
		const pending = await listCompletions(trx, { ...filter, unreported: true, issuedBy: asOf });
		const batchId = crypto.randomUUID();
		if (pending.length === 0) return { batchId, count: 0 };
		const description = { from: filter.from ?? null, to: filter.to ?? null, state: filter.state };
		await trx
			.insertInto('ce_report_batch')
			.values({
				id: batchId,
				reported_at: now.toISOString(),
				reported_by: actor.userId,
				filter: JSON.stringify(description),
				completions: pending.length
			})
			.execute();
		for (let i = 0; i < pending.length; i += 200) {
			await trx
				.insertInto('ce_report')
				.values(
					pending.slice(i, i + 200).map((c) => ({
						user_id: c.userId,
						course_id: c.courseId,
						certificate_id: c.certificateId,
						batch_id: batchId
					}))
				)
				.onConflict((oc) => oc.columns(['user_id', 'course_id']).doNothing())
				.execute();
		}
		await recordAudit(
			trx,
			{
				action: 'ce-report.mark-reported',
				actorUserId: actor.userId,
				subject: { type: 'ce-report-batch', id: batchId },
				ip: actor.ip,
				details: { ...description, completions: pending.length }
			},
			now
		);
		return { batchId, count: pending.length };
	});
}

export async function listReportBatches(db: Database, limit = 50): Promise<ReportBatch[]> {
	const rows = await db
		.selectFrom('ce_report_batch')
		.leftJoin('user', 'user.id', 'ce_report_batch.reported_by')
		.select([
			'ce_report_batch.id',
			'ce_report_batch.reported_at',
			'ce_report_batch.filter',
			'ce_report_batch.completions',
			'user.name'
		])
		.orderBy('ce_report_batch.reported_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		reportedAt: r.reported_at,
		reportedBy: r.name,
		filter: r.filter,
		completions: r.completions
	}));
}
