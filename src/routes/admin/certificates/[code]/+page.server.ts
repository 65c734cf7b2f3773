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
import { nameProblem, textField } from '$lib/server/forms';
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
	revoke: async (event) => {
		const admin = requireRole(event, 'admin');
		const reason = textField(await event.request.formData(), 'reason');
		try {
			await revokeCertificate(getDb(), {
				code: event.params.code,
				reason,
				actorUserId: admin.id,
				ip: event.getClientAddress()
			});
		} catch (error) {
			if (!(error instanceof CertificateChangeRefused)) throw error;
			return fail(error.status, { action: 'revoke' as const, message: error.message, reason });
		}
		return { action: 'revoke' as const, done: 'The certificate is revoked; its page now says so.' };
	},

	reissue: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await event.request.formData();
		const holderName = textField(form, 'holderName').trim();
		const licenseNumber = textField(form, 'licenseNumber').trim();
		const licenseState = textField(form, 'licenseState').trim().toUpperCase();
		const values = { holderName, licenseNumber, licenseState };
		const problem =
			nameProblem(holderName) ??
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
				ip: event.getClientAddress()
			});
			code = reissued.code;
		} catch (error) {
			if (!(error instanceof CertificateChangeRefused)) throw error;
			return fail(error.status, { action: 'reissue' as const, message: error.message, ...values });
		}
		redirect(303, `/admin/certificates/${code}`);
	}
};
