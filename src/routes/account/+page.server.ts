import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	changeAccountEmail,
	changePassword,
	requestErasure,
	revokeSessions,
	saveProfile,
	type ChangeResult
} from '$lib/server/account';
import { requireUser } from '$lib/server/auth/guards';
import { deleteSessionCookie, isStaff, listSessions } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { findUserById } from '$lib/server/db/users';
import {
	email,
	invalid,
	optionalText,
	password,
	readForm,
	refused,
	text,
	throttled
} from '$lib/server/forms';
import { requestOrigin } from '$lib/server/security/client';
import { US_LICENSE_STATES } from '$lib/us-states';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const account = await findUserById(db, user.id);
	if (!account) error(404, 'This account no longer exists.');
	const sessions = await listSessions(db, user.id);
	return {
		profile: {
			name: account.name,
			certificateName: account.certificate_name ?? '',
			licenseNumber: account.license_number ?? '',
			licenseState: account.license_state ?? '',
			email: account.email
		},
		staff: isStaff(user.role),
		twoFactor: account.totp_key !== null,
		sessions: sessions.map((s) => ({ ...s, current: s.id === event.locals.session?.id })),
		notice: event.url.searchParams.get('two-factor') === 'off' ? 'Two-factor sign-in is off.' : null
	};
};

const Profile = z.object({
	name: text('your name', 200),
	certificateName: optionalText('the name on certificates', 200),
	licenseNumber: optionalText('your license number', 40),
	licenseState: optionalText('the state', 2).refine((v) => v === '' || v in US_LICENSE_STATES, {
		error: 'Choose the state that issued your license from the list.'
	})
});
// Field names differ between the forms, so each error lands next to its own field.
const Email = z.object({ email, emailPassword: password('your current password') });
const Password = z.object({
	currentPassword: password('your current password'),
	newPassword: password('a new password')
});
const Revoke = z.object({
	session: text('the session', 64),
	revokePassword: password('your password').optional()
});
const RevokeOthers = z.object({ revokePassword: password('your password').optional() });
const Erase = z.object({
	erasePassword: password('your password'),
	confirm: z.literal('yes', { error: 'Tick the box to confirm that you understand.' })
});

/** The answer to a change that asked for a password. */
function outcome(
	event: RequestEvent,
	result: ChangeResult,
	field: string,
	values: Record<string, string> = {}
) {
	if (result.status === 'throttled') {
		return throttled(event, 'password attempts', result.retryAfterSeconds, values);
	}
	if (result.status === 'invalid') {
		const message = 'That is not your current password.';
		return refused(message, values, { [field]: message });
	}
	if (result.status === 'refused') {
		return refused(result.message, values, { [field]: result.message });
	}
	return undefined;
}

function context(event: RequestEvent) {
	const user = requireUser(event);
	return { user, db: getDb(), origin: requestOrigin(event), sessionId: event.locals.session!.id };
}

export const actions: Actions = {
	profile: async (event) => {
		const { user, db, origin } = context(event);
		const form = await readForm(event.request, Profile);
		if (!form.ok) return invalid(form);
		await saveProfile(db, user.id, form.data, origin);
		return { saved: 'profile' as const };
	},
	email: async (event) => {
		const { user, db, origin } = context(event);
		const form = await readForm(event.request, Email);
		if (!form.ok) return invalid(form);
		const values = { email: form.data.email };
		const result = await changeAccountEmail(
			db,
			user.id,
			{ email: form.data.email, password: form.data.emailPassword },
			origin
		);
		return (
			outcome(event, result, result.status === 'refused' ? 'email' : 'emailPassword', values) ?? {
				saved: 'email' as const
			}
		);
	},
	password: async (event) => {
		const { user, db, origin, sessionId } = context(event);
		const form = await readForm(event.request, Password);
		if (!form.ok) return invalid(form);
		const result = await changePassword(
			db,
			user,
			{ current: form.data.currentPassword, next: form.data.newPassword },
			sessionId,
			origin
		);
		return (
			outcome(event, result, result.status === 'refused' ? 'newPassword' : 'currentPassword') ?? {
				saved: 'password' as const
			}
		);
	},
	revoke: async (event) => {
		const { user, db, origin, sessionId } = context(event);
		const form = await readForm(event.request, Revoke);
		if (!form.ok) return invalid(form);
		const which = form.data.session;
		const result = await revokeSessions(
			db,
			user,
			{ which, password: form.data.revokePassword },
			sessionId,
			origin
		);
		const failed = outcome(event, result, 'revokePassword');
		if (failed) return failed;
		if (which === sessionId) {
			deleteSessionCookie(event.cookies, event.url);
			redirect(303, '/');
		}
		return { saved: 'sessions' as const };
	},
	revokeOthers: async (event) => {
		const { user, db, origin, sessionId } = context(event);
		const form = await readForm(event.request, RevokeOthers);
		if (!form.ok) return invalid(form);
		const result = await revokeSessions(
			db,
			user,
			{ which: 'others', password: form.data.revokePassword },
			sessionId,
			origin
		);
		return outcome(event, result, 'revokePassword') ?? { saved: 'sessions' as const };
	},
	erase: async (event) => {
		const { user, db, origin } = context(event);
		const form = await readForm(event.request, Erase);
		if (!form.ok) return invalid(form);
		const result = await requestErasure(db, user.id, form.data.erasePassword, origin);
		const failed = outcome(event, result, 'erasePassword');
		if (failed) return failed;
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/?erased=1');
	}
};
