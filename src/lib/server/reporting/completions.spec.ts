import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvText } from '../csv';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser, updateProfile } from '../db/users';
import {
	CE_BROKER_HEADER,
	ceBrokerRow,
	COMPLETION_HEADER,
	completionRow,
	listCompletions,
	listReportBatches,
	markReported,
	reportingStatus
} from './completions';

let db: Database;
let cleanup: () => Promise<void>;
const admin = { userId: 'admin-id', ip: '10.0.0.1' };
const none = { from: undefined, to: undefined, state: '', unreported: false };

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

async function graduate(
	name: string,
	state: string | null,
	completionDate: string,
	course = 'course-a'
) {
	const user = await createUser(db, {
		email: `${completionDate}-${state}-${course}-${Math.random()}@example.com`,
		name,
		passwordHash: 'x'
	});
	await updateProfile(db, user!.id, {
		name,
		certificateName: '',
		licenseNumber: state ? `MA${completionDate.replaceAll('-', '')}` : '',
		licenseState: state ?? ''
	});
	await db
		.insertInto('certificate')
		.values({
			id: crypto.randomUUID(),
			code: crypto.randomUUID(),
			user_id: user!.id,
			course_id: course,
			holder_name: name,
			course_title: 'Course A',
			ce_hours: 1.5,
			course_type: 'Home Study',
			completion_date: completionDate,
			provider_name: 'MMPA',
			provider_contact: 'https://academy.example',
			issued_at: `${completionDate}T15:00:00.000Z`
		})
		.execute();
	return user!.id;
}

describe('completions for CE reporting', () => {
	it('filter by completion dates (both ends included) and license state', async () => {
		await graduate('Before', 'FL', '2026-10-31');
		await graduate('First day', 'FL', '2026-11-01');
		await graduate('Georgia', 'GA', '2026-11-15');
		await graduate('No license', null, '2026-11-20');
		await graduate('Last day', 'FL', '2026-11-30');
		await graduate('After', 'FL', '2026-12-01');

		const november = await listCompletions(db, { ...none, from: '2026-11-01', to: '2026-11-30' });
		expect(november.map((c) => c.holderName)).toEqual([
			'First day',
			'Georgia',
			'No license',
			'Last day'
		]);
		const florida = await listCompletions(db, {
			...none,
			from: '2026-11-01',
			to: '2026-11-30',
			state: 'FL'
		});
		expect(florida.map((c) => c.holderName)).toEqual(['First day', 'Last day']);
		expect(florida[0]).toMatchObject({
			licenseNumber: 'MA20261101',
			licenseState: 'FL',
			ceHours: 1.5,
			reportDue: '2026-12-01',
			reported: null
		});
	});

	it('know which are reported, due within 30 days, or overdue', async () => {
		await graduate('Early', 'FL', '2026-11-01');
		await graduate('Late', 'FL', '2026-11-20');
		const [early, late] = await listCompletions(db, none);
		expect(reportingStatus(early!, '2026-12-01')).toBe('due');
		expect(reportingStatus(early!, '2026-12-02')).toBe('overdue');
		expect(reportingStatus(late!, '2026-12-02')).toBe('due');
	});

	it('mark a batch as reported once, leaving later completions out', async () => {
		// Certificates are issued at 15:00 UTC on their completion date: both are in the past.
		await graduate('Seen', 'FL', '2026-11-05');
		await graduate('Later', 'FL', '2026-11-06');
		const filter = { ...none, from: '2026-11-01', to: '2026-11-30', state: 'FL' };
		// The admin looked between the two certificates' issue.
		const asOf = '2026-11-06T12:00:00.000Z';

		const first = await markReported(db, filter, asOf, admin);
		expect(first.count).toBe(1);
		expect((await markReported(db, filter, asOf, admin)).count).toBe(0);

		const all = await listCompletions(db, filter);
		expect(all.map((c) => [c.holderName, c.reported?.batchId ?? null])).toEqual([
			['Seen', first.batchId],
			['Later', null]
		]);
		expect(
			(await listCompletions(db, { ...filter, unreported: true })).map((c) => c.holderName)
		).toEqual(['Later']);
		expect(await listCompletions(db, { ...none, batchId: first.batchId })).toHaveLength(1);
		const [batch] = await listReportBatches(db);
		expect(batch).toMatchObject({ id: first.batchId, completions: 1 });
		const audit = await db.selectFrom('audit_log').select('action').execute();
		expect(audit.map((a) => a.action)).toContain('ce-report.mark-reported');
	});

	it('export to CSV that round-trips, neutralising names a spreadsheet would run', async () => {
		await graduate('=HYPERLINK("http://evil.example","Click")', 'FL', '2026-11-03');
		await graduate('+Plus', 'FL', '2026-11-04');
		await graduate('-Minus, "Quoted"', 'FL', '2026-11-05');
		await graduate('@At\nNewline', 'FL', '2026-11-06');
		const completions = await listCompletions(db, none);

		const full = parse(csvText(COMPLETION_HEADER, completions.map(completionRow)), {
			bom: true,
			columns: true
		}) as Record<string, string>[];
		expect(full.map((r) => r['Participant'])).toEqual([
			`'=HYPERLINK("http://evil.example","Click")`,
			`'+Plus`,
			`'-Minus, "Quoted"`,
			`'@At\nNewline`
		]);
		expect(full[0]).toMatchObject({
			'License number': 'MA20261103',
			'License state': 'FL',
			'Completion date': '2026-11-03',
			'CE hours': '1.5',
			'Report due': '2026-12-03'
		});

		const upload = parse(csvText(CE_BROKER_HEADER, completions.map(ceBrokerRow)), {
			bom: true
		}) as string[][];
		expect(upload[0]).toEqual(CE_BROKER_HEADER);
		expect(upload[1]).toEqual(['', '', 'course-a', '', 'MA20261103', '11/3/2026', 'State=FL', '']);
	});

	it('report what the current certificate printed; revoked and replaced ones are left out', async () => {
		const kept = await graduate('Kept Graduate', 'FL', '2026-11-02');
		const revoked = await graduate('Revoked Graduate', 'FL', '2026-11-02');
		await db
			.updateTable('certificate')
			.set({ revoked_at: '2026-11-05T10:00:00.000Z', revoked_reason: 'Issued in error' })
			.where('user_id', '=', revoked)
			.execute();
		// A reissue: the first certificate is replaced by one printed with the corrected license.
		const [first] = await db
			.selectFrom('certificate')
			.selectAll()
			.where('user_id', '=', kept)
			.execute();
		await db
			.updateTable('certificate')
			.set({ superseded_at: '2026-11-04T10:00:00.000Z' })
			.where('id', '=', first!.id)
			.execute();
		await db
			.insertInto('certificate')
			.values({
				...first!,
				id: crypto.randomUUID(),
				code: crypto.randomUUID(),
				holder_license_number: 'MA-CORRECTED',
				holder_license_state: 'FL',
				provider_florida_number: '50-1111',
				florida_program_number: '20-2222',
				supersedes_id: first!.id,
				superseded_at: null,
				issued_at: '2026-11-04T10:00:00.000Z'
			})
			.execute();

		const completions = await listCompletions(db, none);
		expect(
			completions.map((c) => [c.holderName, c.licenseNumber, c.providerNumber, c.programNumber])
		).toEqual([['Kept Graduate', 'MA-CORRECTED', '50-1111', '20-2222']]);
	});

	it('use the certificate’s own numbers when it recorded them', () => {
		const row = ceBrokerRow({
			providerNumber: '50-12345',
			programNumber: '20-67890',
			courseId: 'c',
			licenseNumber: 'MA1',
			completionDate: '2026-01-09',
			licenseState: 'FL'
		} as Parameters<typeof ceBrokerRow>[0]);
		expect(row).toEqual(['12345', '67890', 'c', null, 'MA1', '1/9/2026', 'State=FL', null]);
	});
});
