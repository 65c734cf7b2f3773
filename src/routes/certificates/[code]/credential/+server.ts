import { error } from '@sveltejs/kit';
import { requireCertificateAccess } from '$lib/server/certificates/access';
import { certificateStatus } from '$lib/server/certificates/records';
import { signingKey } from '$lib/server/credentials/keys';
import { signCredential } from '$lib/server/credentials/open-badge';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

// The signed Open Badges credential, as the .jwt file a badge wallet imports (Open Badges 3.0,
// section 5: a compact JWS served as text/plain).
export const GET: RequestHandler = async (event) => {
	const db = getDb();
	const certificate = await requireCertificateAccess(db, event, event.params.code);
	const status = await certificateStatus(db, certificate);
	if (status.state !== 'valid') {
		error(410, `This certificate is ${status.state}, so no credential is issued for it.`);
	}
	const token = await signCredential(certificate, await signingKey());
	return new Response(token, {
		headers: {
			'Content-Type': 'text/plain; charset=utf-8',
			'Content-Disposition': `attachment; filename="mmpa-credential-${certificate.code}.jwt"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
