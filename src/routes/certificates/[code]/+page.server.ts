import { error, fail } from '@sveltejs/kit';
import { calendarDate } from '$lib/format';
import { canAccessCertificate } from '$lib/server/certificates/access';
import { findCertificateByCode } from '$lib/server/certificates/issue';
import {
	certificateStatus,
	supersededCode,
	type CertificateStatus
} from '$lib/server/certificates/records';
import { issuerSettings } from '$lib/server/config';
import { signingKey } from '$lib/server/credentials/keys';
import { checkCredential, MAX_CREDENTIAL_LENGTH } from '$lib/server/credentials/verify';
import { getDb } from '$lib/server/db';
import type { Certificate } from '$lib/server/db/schema';
import { readFormData } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** What anyone may see of a certificate: what it prints, less the license number. */
function publicView(certificate: Certificate) {
	return {
		code: certificate.code,
		holderName: certificate.holder_name,
		courseTitle: certificate.course_title,
		courseType: certificate.course_type,
		ceHours: certificate.ce_hours,
		completionDate: certificate.completion_date,
		ncbtmbApprovalNumber: certificate.ncbtmb_approval_number,
		floridaProgramNumber: certificate.florida_program_number,
		providerName: certificate.provider_name,
		providerNcbtmbNumber: certificate.provider_ncbtmb_number
	};
}

/** The status with its date as a calendar date in the organisation's time zone. */
function statusView(status: CertificateStatus) {
	const day = (iso: string) => calendarDate(new Date(iso), issuerSettings().timeZone);
	switch (status.state) {
		case 'valid':
			return status;
		case 'revoked':
			return { state: status.state, date: day(status.revokedAt), reason: status.reason };
		case 'superseded':
			return {
				state: status.state,
				date: day(status.supersededAt),
				replacementCode: status.replacementCode
			};
	}
}

// Public: anyone holding the code may verify it. No e-mail, no license number, no account data.
export const load: PageServerLoad = async ({ params, locals }) => {
	const db = getDb();
	const certificate = await findCertificateByCode(db, params.code);
	if (!certificate) error(404, 'No certificate has this code. Check the code and try again.');
	const status = await certificateStatus(db, certificate);
	return {
		certificate: publicView(certificate),
		status: statusView(status),
		reissueOf: await supersededCode(db, certificate),
		canDownload: locals.user ? await canAccessCertificate(db, locals.user, certificate) : false
	};
};

export const actions: Actions = {
	// Checks a credential pasted or uploaded by anyone (an employer, a board), against our own keys
	// and records only. The answer repeats only what the certificate's public page shows.
	check: async ({ request, params }) => {
		const form = await readFormData(request);
		const pasted = form.get('credential');
		let credential = typeof pasted === 'string' ? pasted : '';
		const file = form.get('credentialFile');
		if (file instanceof File && file.size > 0) {
			if (file.size > MAX_CREDENTIAL_LENGTH * 2) {
				return fail(400, {
					check: {
						outcome: 'unreadable' as const,
						message: 'That file is too large to be a credential.'
					}
				});
			}
			credential = await file.text();
		}
		const db = getDb();
		const result = await checkCredential(db, credential, [await signingKey()]);
		if (result.outcome !== 'verified') {
			return fail(result.outcome === 'unreadable' ? 400 : 422, {
				check: { outcome: result.outcome, message: result.message }
			});
		}
		return {
			check: {
				outcome: result.outcome,
				certificate: publicView(result.certificate),
				status: statusView(result.status),
				samePage: result.certificate.code === params.code.trim().toUpperCase()
			}
		};
	}
};
