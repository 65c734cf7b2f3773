import { dev } from '$app/environment';
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import {
	completePasswordReset,
	findPasswordReset,
	requestPasswordReset,
	type DeliverResetLink
} from '$lib/server/auth/password-reset';
import { signIn } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { email, invalid, password, readForm, refused, text, throttled } from '$lib/server/forms';
import { mailConfigured, sendMail } from '$lib/server/mail';
import { requestOrigin } from '$lib/server/security/client';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token');
	if (token === null) return { stage: 'request' as const, token: null };
	const valid = token.length <= 64 && (await findPasswordReset(getDb(), token)) !== undefined;
	return { stage: valid ? ('choose' as const) : ('expired' as const), token: valid ? token : null };
};

/**
 * Mail when SMTP is configured. Otherwise the link goes to the server log in development only; in
 * production an administrator issues links with `npm run admin -- reset-password-link`.
 */
const deliver: DeliverResetLink = async (to, link) => {
	if (mailConfigured()) {
		await sendMail({
			to,
			subject: 'Reset your MMPA Academy password',
			text: `Someone asked to reset the password of your MMPA Academy account.\n\nChoose a new password here (the link works once, for one hour):\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.\n`
		});
	} else if (dev) {
		console.log(`Password reset link for ${to}: ${link}`);
	}
};

const RequestReset = z.object({ email });
const ChoosePassword = z.object({
	token: text('the link’s token', 64),
	password: password('a new password')
});

export const actions: Actions = {
	request: async (event) => {
		const form = await readForm(event.request, RequestReset);
		if (!form.ok) return invalid(form);
		const result = await requestPasswordReset(
			getDb(),
			form.data.email,
			requestOrigin(event),
			deliver
		);
		if (result.status === 'throttled') {
			return throttled(event, 'reset requests', result.retryAfterSeconds, {
				email: form.data.email
			});
		}
		return { sent: true, email: form.data.email };
	},
	reset: async (event) => {
		const form = await readForm(event.request, ChoosePassword);
		if (!form.ok) return invalid(form);
		const origin = requestOrigin(event);
		const db = getDb();
		const result = await completePasswordReset(db, form.data, origin);
		if (result.status === 'throttled') {
			return throttled(event, 'attempts', result.retryAfterSeconds);
		}
		if (result.status === 'weak-password') {
			return refused(result.message, {}, { password: result.message });
		}
		if (result.status === 'invalid-link') {
			return refused('This link has expired or was already used. Ask for a new one below.');
		}
		await signIn(db, result.user, event, origin);
		// With two-factor on, the new session still asks for the code.
		redirect(303, '/dashboard');
	}
};
