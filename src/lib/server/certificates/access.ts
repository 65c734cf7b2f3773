import { error, type RequestEvent } from '@sveltejs/kit';
import { canPreviewCourse, requireUser } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import type { Database } from '../db';
import type { Certificate } from '../db/schema';
import { findCertificateByCode } from './issue';

/** The holder, the course's instructors and admins may download a certificate's documents. */
export async function canAccessCertificate(
	db: Database,
	user: SessionUser,
	certificate: Certificate
): Promise<boolean> {
	return user.id === certificate.user_id || canPreviewCourse(db, user, certificate.course_id);
}

/**
 * The certificate behind a documents route, for someone allowed to have it. Anonymous visitors
 * are sent to sign in; anyone else gets the same 404 as for an unknown code, so the documents
 * (which carry a license number) do not even reveal that the code exists to them.
 */
export async function requireCertificateAccess(
	db: Database,
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	code: string
): Promise<Certificate> {
	const user = requireUser(event);
	const certificate = await findCertificateByCode(db, code);
	if (!certificate || !(await canAccessCertificate(db, user, certificate))) {
		error(404, 'No certificate of yours has this code.');
	}
	return certificate;
}
