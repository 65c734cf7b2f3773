import { requireRole } from '$lib/server/auth/guards';
import { searchCertificates } from '$lib/server/certificates/records';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const query = (event.url.searchParams.get('q') ?? '').slice(0, 200);
	const results = await searchCertificates(getDb(), query);
	return {
		query,
		results: results.map((certificate) => ({
			code: certificate.code,
			holderName: certificate.holder_name,
			courseTitle: certificate.course_title,
			completionDate: certificate.completion_date,
			state: certificate.revoked_at ? 'Revoked' : certificate.superseded_at ? 'Superseded' : 'Valid'
		}))
	};
};
