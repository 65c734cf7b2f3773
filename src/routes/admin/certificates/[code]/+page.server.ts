import { error, fail, redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { findCertificateByCode } from '$lib/server/certificates/issue';
import { unprintableCharacters } from '$lib/server/certificates/pdf/fonts';
import {
	CertificateChangeRefused,
	certificateStatus,
	reissueCertificate,
	revokeCertificate,
	supersededCode
} from '$lib/server/certificates/records';
import { getDb } from '$lib/server/db';
import { auditEntriesFor } from '$lib/server/db/audit';
import { confirmPassword } from '$lib/server/auth/sign-in';
import { optionalText, parseForm, password, readFormData, text } from '$lib/server/forms';
import { clientIp } from '$lib/server/security/client';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const db = getDb();
	const certificate = await findCertificateByCode(db, event.params.code);
	if (!certificate) error(404, 'No certificate has this code.');
	const holder = await db
		.selectFrom('user')
		.select(['name', 'email'])
		.where('id', '=', certificate.user_id)
		.executeTakeFirst();
	const history = await auditEntriesFor(db, { type: 'certificate', id: certificate.id });
	return {
		certificate: {
			code: certificate.code,
			holderName: certificate.holder_name,
			licenseNumber: certificate.holder_license_number,
			licenseState: certificate.holder_license_state,
			courseTitle: certificate.course_title,
			completionDate: certificate.completion_date,
			issuedAt: certificate.issued_at
		},
		account: holder ? { name: holder.name, email: holder.email } : null,
		status: await certificateStatus(db, certificate),
		reissueOf: await supersededCode(db, certificate),
		history: history.map((entry) => ({ at: entry.at, action: entry.action }))
	};
};

const LICENSE_NUMBER = /^[A-Za-z0-9 .#/-]{1,40}$/;
const US_STATE = /^[A-Z]{2}$/;

export const actions: Actions = {
	// Revoking is one of the changes staff confirm with their password again.
	revoke: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(
			await readFormData(event.request),
			z.object({ reason: text('the reason for revoking', 500), password: password() })
		);
		if (!parsed.ok) {
			const message = Object.values(parsed.errors)[0]!;
			return fail(400, { action: 'revoke' as const, message, reason: parsed.values.reason ?? '' });
		}
		const { reason } = parsed.data;
		const db = getDb();
		const ip = clientIp(event);
		const confirmed = await confirmPassword(db, admin.id, parsed.data.password, { ip });
		if (confirmed.status === 'throttled') {
			event.setHeaders({ 'retry-after': String(confirmed.retryAfterSeconds) });
			return fail(429, {
				action: 'revoke' as const,
				message: `Too many password attempts. Try again in ${Math.ceil(confirmed.retryAfterSeconds / 60)} minutes.`,
				reason
			});
		}
		if (confirmed.status === 'invalid') {
			return fail(400, {
				action: 'revoke' as const,
				message: 'That is not your password. Type it again to revoke.',
				reason
			});
		}
		try {
			await revokeCertificate(db, {
				code: event.params.code,
				reason,
				actorUserId: admin.id,
				ip
			});
		} catch (error) {
			if (!(error instanceof CertificateChangeRefused)) throw error;
			return fail(error.status, { action: 'revoke' as const, message: error.message, reason });
		}
		return { action: 'revoke' as const, done: 'The certificate is revoked; its page now says so.' };
	},

	reissue: async (event) => {
		const admin = requireRole(event, 'admin');
		const parsed = parseForm(
			await readFormData(event.request),
			z.object({
				holderName: text('the name as it should print', 200),
				licenseNumber: optionalText('the license number', 40),
				licenseState: optionalText('the license state', 2)
			})
		);
		if (!parsed.ok) {
			const message = Object.values(parsed.errors)[0]!;
			const { holderName = '', licenseNumber = '', licenseState = '' } = parsed.values;
			return fail(400, {
				action: 'reissue' as const,
				message,
				holderName,
				licenseNumber,
				licenseState
			});
		}
		const { holderName, licenseNumber } = parsed.data;
		const licenseState = parsed.data.licenseState.toUpperCase();
		const values = { holderName, licenseNumber, licenseState };
		const problem =
			(licenseNumber && !LICENSE_NUMBER.test(licenseNumber)
				? 'Write the license number with letters, digits, spaces and . # / - only (at most 40).'
				: undefined) ??
			(licenseState && !US_STATE.test(licenseState)
				? 'Write the license state as its two-letter code, e.g. FL.'
				: undefined);
		if (problem) return fail(400, { action: 'reissue' as const, message: problem, ...values });
		const missing = await unprintableCharacters(holderName);
		if (missing.length > 0) {
			return fail(400, {
				action: 'reissue' as const,
				message: `The certificate font cannot print ${missing.join(' ')}. Use the spelling the holder’s license shows in Latin, Greek, Cyrillic or Vietnamese letters.`,
				...values
			});
		}
		let code: string;
		try {
			const reissued = await reissueCertificate(getDb(), {
				code: event.params.code,
				correction: {
					holderName,
					licenseNumber: licenseNumber || null,
					licenseState: licenseState || null
				},
				actorUserId: admin.id,
				ip: clientIp(event)
			});
			code = reissued.code;
		} catch (error) {
			if (!(error instanceof CertificateChangeRefused)) throw error;
			return fail(error.status, { action: 'reissue' as const, message: error.message, ...values });
		}
		redirect(303, `/admin/certificates/${code}`);
	}
};
