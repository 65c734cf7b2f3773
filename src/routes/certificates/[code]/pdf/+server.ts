import { requireCertificateAccess } from '$lib/server/certificates/access';
import { certificatePdf } from '$lib/server/certificates/documents';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const db = getDb();
	const certificate = await requireCertificateAccess(db, event, event.params.code);
	const pdf = await certificatePdf(db, certificate);
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="mmpa-certificate-${certificate.code}.pdf"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
