import { error } from '@sveltejs/kit';
import { findCertificateByCode } from '$lib/server/certificates/issue';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

// Public: anyone holding the code may verify it. Only what the certificate prints is shown.
export const load: PageServerLoad = async ({ params, locals }) => {
	const certificate = await findCertificateByCode(getDb(), params.code);
	if (!certificate) error(404, 'No certificate has this code. Check the code and try again.');
	return {
		certificate: {
			code: certificate.code,
			holderName: certificate.holder_name,
			courseTitle: certificate.course_title,
			courseType: certificate.course_type,
			ceHours: certificate.ce_hours,
			completionDate: certificate.completion_date,
			providerName: certificate.provider_name
		},
		isHolder: locals.user?.id === certificate.user_id
	};
};
