import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { findCertificateByCode } from '$lib/server/certificates/issue';
import { renderCertificatePdf } from '$lib/server/certificates/pdf';
import { siteOrigin } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const certificate = await findCertificateByCode(getDb(), event.params.code);
	// The same answer for "no such code" and "not yours": the PDF carries personal data.
	if (!certificate || (certificate.user_id !== user.id && user.role !== 'admin')) {
		error(404, 'No certificate of yours has this code.');
	}
	const pdf = await renderCertificatePdf({
		code: certificate.code,
		holderName: certificate.holder_name,
		courseTitle: certificate.course_title,
		ceHours: certificate.ce_hours,
		courseType: certificate.course_type,
		completionDate: certificate.completion_date,
		issuedAt: certificate.issued_at,
		verifyUrl: `${siteOrigin()}/certificates/${certificate.code}`,
		providerName: certificate.provider_name,
		providerContact: certificate.provider_contact
	});
	return new Response(pdf as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="mmpa-certificate-${certificate.code}.pdf"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
