import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePendingUser, safeRedirectTarget } from '$lib/server/auth/guards';
import { giveSecondFactor } from '$lib/server/auth/sign-in';
import { getDb } from '$lib/server/db';
import { invalid, optionalText, readForm, refused, text, throttled } from '$lib/server/forms';
import { requestOrigin } from '$lib/server/security/client';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requirePendingUser(event);
	const redirectTo = safeRedirectTarget(event.url.searchParams.get('redirectTo'));
	// Staff without a second factor set it up first.
	if (!user.twoFactorEnabled) {
		redirect(303, `/account/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`);
	}
	return { redirectTo, email: user.email };
};

const Code = z.object({
	code: text('the code', 40),
	redirectTo: optionalText('the page to return to', 2000)
});

async function give(event: RequestEvent, recovery: boolean) {
	const user = requirePendingUser(event);
	const session = event.locals.session;
	if (!session) error(401, 'Sign in first.');
	const form = await readForm(event.request, Code);
	if (!form.ok) return invalid(form);
	const result = await giveSecondFactor(
		getDb(),
		user.id,
		session.id,
		{ code: form.data.code, recovery },
		requestOrigin(event)
	);
	if (result.status === 'throttled') {
		return throttled(event, 'codes', result.retryAfterSeconds);
	}
	if (result.status === 'invalid') {
		const message = recovery
			? 'That recovery code is not valid or was already used.'
			: 'That code is not valid. Enter the current code from your authenticator app.';
		return refused(message, {}, { [recovery ? 'recovery' : 'code']: message });
	}
	redirect(303, safeRedirectTarget(form.data.redirectTo));
}

export const actions: Actions = {
	code: (event) => give(event, false),
	recovery: (event) => give(event, true)
};
