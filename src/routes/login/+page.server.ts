import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { safeRedirectTarget } from '$lib/server/auth/guards';
import { signInWithPassword } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db';
import {
	email,
	forbidden,
	invalid,
	optionalText,
	password,
	readForm,
	refused,
	throttled
} from '$lib/server/forms';
import { requestOrigin } from '$lib/server/security/client';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	if (locals.pendingUser) {
		redirect(303, `/login/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`);
	}
	return { redirectTo };
};

const SignIn = z.object({
	email,
	password: password(),
	redirectTo: optionalText('the page to return to', 2000)
});

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request, SignIn);
		if (!form.ok) return invalid(form);
		const { email, redirectTo } = form.data;
		const result = await signInWithPassword(getDb(), form.data, {
			...event,
			origin: requestOrigin(event)
		});
		if (result.status === 'throttled') {
			return throttled(event, 'sign-in attempts', result.retryAfterSeconds, { email });
		}
		if (result.status === 'invalid') {
			return refused('That e-mail address and password do not match.', { email });
		}
		if (result.status === 'deactivated') {
			return forbidden(
				'This account has been deactivated. Contact the school if you need it again; your certificates stay valid.',
				{ email }
			);
		}
		const target = safeRedirectTarget(redirectTo);
		if (result.needsSecondFactor) {
			redirect(303, `/login/two-factor?redirectTo=${encodeURIComponent(target)}`);
		}
		redirect(303, target);
	}
};
