import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { safeRedirectTarget } from '$lib/server/auth/guards';
import { registerStudent } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db';
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
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

const Register = z.object({
	name: text('your name', 200),
	email,
	password: password('a password'),
	redirectTo: optionalText('the page to return to', 2000)
});

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, Register);
		if (!form.ok) return invalid(form);
		const { name, email, redirectTo } = form.data;
		const result = await registerStudent(getDb(), form.data, {
			...event,
			origin: requestOrigin(event)
		});
		if (result.status === 'throttled') {
			return throttled(event, 'new accounts', result.retryAfterSeconds, { name, email });
		}
		if (result.status === 'weak-password') {
			return refused(result.message, { name, email }, { password: result.message });
		}
		if (result.status === 'email-taken') {
			// Saying so helps a returning student; the README notes that it reveals the address exists.
			const message = 'An account with this e-mail address already exists. Sign in instead.';
			return refused(message, { name, email }, { email: message });
		}
		redirect(303, safeRedirectTarget(redirectTo));
	}
};
