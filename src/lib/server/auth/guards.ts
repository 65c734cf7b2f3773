import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Database } from '../db';
import { isInstructorOf } from '../db/instructors';
import type { Role } from '../db/schema';
import { isStaff, type SessionUser } from './session';

/**
 * Where to go after signing in: only a path on this site. Anything else (another origin,
 * protocol-relative `//host`, backslash tricks) falls back to the dashboard: no open redirect.
 */
export function safeRedirectTarget(value: string | null | undefined): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
		return '/dashboard';
	}
	try {
		const url = new URL(value, 'http://placeholder.invalid');
		if (url.origin !== 'http://placeholder.invalid') return '/dashboard';
		// Dot segments can collapse to a protocol-relative path (`/.//evil.example` becomes
		// `//evil.example`), so the normalized target is checked again.
		const target = url.pathname + url.search + url.hash;
		return target.startsWith('//') ? '/dashboard' : target;
	} catch {
		return '/dashboard';
	}
}

export function loginUrl(url: URL): string {
	return `/login?redirectTo=${here(url)}`;
}

function here(url: URL): string {
	return encodeURIComponent(url.pathname + url.search);
}

/**
 * The signed-in user. Anyone else is redirected to sign in, or to give their second factor, and
 * brought back here afterwards.
 */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const { user, pendingUser } = event.locals;
	if (user) return user;
	if (pendingUser) redirect(303, `/login/two-factor?redirectTo=${here(event.url)}`);
	redirect(303, loginUrl(event.url));
}

/** Someone between password and second factor; the fully signed in go on to `redirectTo`. */
export function requirePendingUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const { user, pendingUser } = event.locals;
	if (pendingUser) return pendingUser;
	if (user) redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	redirect(303, loginUrl(event.url));
}

/**
 * Who may open the two-factor setup: anyone signed in, and staff who gave their password but
 * have yet to set up the second factor they must give from now on.
 */
export function requireTwoFactorSetupUser(
	event: Pick<RequestEvent, 'locals' | 'url'>
): SessionUser {
	const { pendingUser } = event.locals;
	if (pendingUser && isStaff(pendingUser.role) && !pendingUser.twoFactorEnabled) return pendingUser;
	return requireUser(event);
}

export function requireRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	...roles: Role[]
): SessionUser {
	const user = requireUser(event);
	if (!roles.includes(user.role)) error(403, 'You do not have access to this page.');
	return user;
}

/** Admins, and instructors assigned to the course, may open its lessons without enrolling. */
export async function canPreviewCourse(
	db: Database,
	user: SessionUser,
	courseId: string
): Promise<boolean> {
	if (user.role === 'admin') return true;
	return user.role === 'instructor' && (await isInstructorOf(db, user.id, courseId));
}
