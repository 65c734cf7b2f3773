import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { Database } from '../db';
import { recordAudit } from '../db/audit';
import { longDate } from '$lib/format';

/**
 * Enrolment codes, for organisations that take payment elsewhere and hand their people a code.
 * Codes are shown to admins (they must be handed out), so they are stored as typed; they are
 * 40 random bits and trying them is rate-limited, which keeps guessing hopeless.
 */

/** Eight characters of A-Z and 2-7 (no 0/O or 1/I to confuse), read in two groups: K7QM-4XPD. */
export function generateEnrollmentCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(5));
	return encodeBase32UpperCaseNoPadding(bytes).replace(/^(.{4})(.{4})$/, '$1-$2');
}

/** What a person typed, as stored: upper case, spaces removed, the dash where it belongs. */
export function normalizeCode(typed: string): string {
	const bare = typed.toUpperCase().replace(/[\s-]/g, '');
	return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

export interface NewCodes {
	courseId: string;
	count: number;
	label: string | null;
	maxUses: number | null;
	/** The last day the codes work (YYYY-MM-DD), or null for no end. */
	expiresOn: string | null;
}

export async function createCodes(
	db: Database,
	input: NewCodes,
	actor: { userId: string; ip: string },
	now = new Date()
): Promise<string[]> {
	return db.transaction().execute(async (trx) => {
		const codes: string[] = [];
		while (codes.length < input.count) {
			const code = generateEnrollmentCode();
			const inserted = await trx
				.insertInto('enrollment_code')
				.values({
					id: crypto.randomUUID(),
					code,
					course_id: input.courseId,
					label: input.label,
					max_uses: input.maxUses,
					expires_on: input.expiresOn,
					created_at: now.toISOString(),
					created_by: actor.userId
				})
				// 2^40 codes: a clash is rare, and simply means drawing another.
				.onConflict((oc) => oc.column('code').doNothing())
				.executeTakeFirst();
			if (inserted.numInsertedOrUpdatedRows) codes.push(code);
		}
		await recordAudit(
			trx,
			{
				action: 'enrollment.code-create',
				actorUserId: actor.userId,
				subject: { type: 'course', id: input.courseId },
				ip: actor.ip,
				details: {
					count: codes.length,
					label: input.label,
					maxUses: input.maxUses,
					expiresOn: input.expiresOn
				}
			},
			now
		);
		return codes;
	});
}

export interface ListedCode {
	id: string;
	code: string;
	courseId: string;
	label: string | null;
	maxUses: number | null;
	uses: number;
	expiresOn: string | null;
	createdAt: string;
	createdBy: string | null;
	revoked: boolean;
	status: 'active' | 'used-up' | 'expired' | 'revoked';
}

export async function listCodes(
	db: Database,
	today: string,
	courseId?: string
): Promise<ListedCode[]> {
	let query = db
		.selectFrom('enrollment_code')
		.leftJoin('user', 'user.id', 'enrollment_code.created_by')
		.select([
			'enrollment_code.id',
			'enrollment_code.code',
			'enrollment_code.course_id',
			'enrollment_code.label',
			'enrollment_code.max_uses',
			'enrollment_code.uses',
			'enrollment_code.expires_on',
			'enrollment_code.created_at',
			'enrollment_code.revoked_at',
			'user.name as created_by_name'
		])
		.orderBy('enrollment_code.created_at', 'desc')
		.orderBy('enrollment_code.code');
	if (courseId) query = query.where('enrollment_code.course_id', '=', courseId);
	const rows = await query.execute();
	return rows.map((r) => ({
		id: r.id,
		code: r.code,
		courseId: r.course_id,
		label: r.label,
		maxUses: r.max_uses,
		uses: r.uses,
		expiresOn: r.expires_on,
		createdAt: r.created_at,
		createdBy: r.created_by_name,
		revoked: r.revoked_at !== null,
		status: r.revoked_at
			? 'revoked'
			: r.max_uses !== null && r.uses >= r.max_uses
				? 'used-up'
				: r.expires_on !== null && r.expires_on < today
					? 'expired'
					: 'active'
	}));
}

export async function revokeCode(
	db: Database,
	codeId: string,
	actor: { userId: string; ip: string },
	now = new Date()
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const revoked = await trx
			.updateTable('enrollment_code')
			.set({ revoked_at: now.toISOString() })
			.where('id', '=', codeId)
			.where('revoked_at', 'is', null)
			.returning(['code', 'course_id'])
			.executeTakeFirst();
		if (!revoked) return false;
		await recordAudit(
			trx,
			{
				action: 'enrollment.code-revoke',
				actorUserId: actor.userId,
				subject: { type: 'course', id: revoked.course_id },
				ip: actor.ip,
				details: { code: revoked.code }
			},
			now
		);
		return true;
	});
}

export type Redemption = { ok: true; codeId: string } | { ok: false; message: string };

/**
 * Takes one use of a code for the course, or says why not. The use is taken by one guarded
 * UPDATE, so the last use of a code goes to exactly one of two students enrolling at once.
 * Run it in the enrolment's transaction: a refused enrolment gives the use back.
 */
export async function redeemCode(
	db: Database,
	courseId: string,
	typed: string,
	today: string
): Promise<Redemption> {
	const code = normalizeCode(typed);
	const taken = await db
		.updateTable('enrollment_code')
		.set((eb) => ({ uses: eb('uses', '+', 1) }))
		.where('code', '=', code)
		.where('course_id', '=', courseId)
		.where('revoked_at', 'is', null)
		.where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
		.where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
		.returning('id')
		.executeTakeFirst();
	if (taken) return { ok: true, codeId: taken.id };

	const found = await db
		.selectFrom('enrollment_code')
		.select(['course_id', 'revoked_at', 'max_uses', 'uses', 'expires_on'])
		.where('code', '=', code)
		.executeTakeFirst();
	if (!found || found.course_id !== courseId || found.revoked_at) {
		return {
			ok: false,
			message: 'That enrolment code is not valid for this course. Check it and try again.'
		};
	}
	if (found.expires_on !== null && found.expires_on < today) {
		return { ok: false, message: `That enrolment code expired on ${longDate(found.expires_on)}.` };
	}
	return { ok: false, message: 'That enrolment code has been used as many times as it allows.' };
}
