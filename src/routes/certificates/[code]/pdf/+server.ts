import { error } from '@sveltejs/kit';
import { canPreviewCourse, requireUser } from '$lib/server/auth/guards';
import { findCertificateByCode } from '$lib/server/certificates/issue';
import { renderCertificatePdf } from '$lib/server/certificates/pdf';
import { siteOrigin } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const certificate = await findCertificateByCode(db, event.params.code);
	// The same answer for "no such code" and "not yours": the PDF carries personal data. Besides
	// the holder, the course's instructors and admins may download it.
	const allowed =
		certificate &&
		(certificate.user_id === user.id || (await canPreviewCourse(db, user, certificate.course_id)));
	if (!allowed) error(404, 'No certificate of yours has this code.');
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
