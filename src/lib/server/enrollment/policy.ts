import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import type { EnrollmentMode } from '../db/schema';
import { longDate } from '$lib/format';

export const ENROLLMENT_MODES: readonly EnrollmentMode[] = ['open', 'code', 'assigned'];

export const MODE_LABELS: Record<EnrollmentMode, string> = {
	open: 'Open: anyone signed in can enrol',
	code: 'By enrolment code',
	assigned: 'Assigned by an administrator'
};

export interface Policy {
	courseId: string;
	mode: EnrollmentMode;
	/** First and last day enrolment is open (YYYY-MM-DD, organisation time zone); null: no limit. */
	opensOn: string | null;
	closesOn: string | null;
}

/** Courses without a stored policy are open, with no window. */
export function defaultPolicy(courseId: string): Policy {
	return { courseId, mode: 'open', opensOn: null, closesOn: null };
}

export async function policyFor(db: Database, courseId: string): Promise<Policy> {
	const row = await db
		.selectFrom('enrollment_policy')
		.select(['mode', 'opens_on', 'closes_on'])
		.where('course_id', '=', courseId)
		.executeTakeFirst();
	return row
		? { courseId, mode: row.mode, opensOn: row.opens_on, closesOn: row.closes_on }
		: defaultPolicy(courseId);
}

export async function policiesFor(db: Database, courseIds: string[]): Promise<Map<string, Policy>> {
	const rows = courseIds.length
		? await db
				.selectFrom('enrollment_policy')
				.selectAll()
				.where('course_id', 'in', courseIds)
				.execute()
		: [];
	return new Map(
		courseIds.map((id) => {
			const row = rows.find((r) => r.course_id === id);
			return [
				id,
				row
					? { courseId: id, mode: row.mode, opensOn: row.opens_on, closesOn: row.closes_on }
					: defaultPolicy(id)
			];
		})
	);
}

export async function savePolicy(
	db: Database,
	policy: Policy,
	actor: { userId: string; ip: string },
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const values = {
			mode: policy.mode,
			opens_on: policy.opensOn,
			closes_on: policy.closesOn,
			updated_at: now.toISOString(),
			updated_by: actor.userId
		};
		await trx
			.insertInto('enrollment_policy')
			.values({ course_id: policy.courseId, ...values })
			.onConflict((oc) => oc.column('course_id').doUpdateSet(values))
			.execute();
		await recordAudit(
			trx,
			{
				action: 'enrollment.policy-change',
				actorUserId: actor.userId,
				subject: { type: 'course', id: policy.courseId },
				ip: actor.ip,
				details: { mode: policy.mode, opensOn: policy.opensOn, closesOn: policy.closesOn }
			},
			now
		);
	});
}

/** Why enrolment is closed on `today` (YYYY-MM-DD), or undefined when the window is open. */
export function windowProblem(policy: Policy, today: string): string | undefined {
	if (policy.opensOn && today < policy.opensOn) {
		return `Enrolment in this course opens on ${longDate(policy.opensOn)}.`;
	}
	if (policy.closesOn && today > policy.closesOn) {
		return `Enrolment in this course closed on ${longDate(policy.closesOn)}.`;
	}
	return undefined;
}
