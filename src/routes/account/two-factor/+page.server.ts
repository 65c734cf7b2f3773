import { error, fail, redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { z } from 'zod';
import {
	requireTwoFactorSetupUser,
	requireUser,
	safeRedirectTarget
} from '$lib/server/auth/guards';
import { isStaff } from '$lib/server/auth/session';
import { manageSecondFactor, setUpSecondFactor } from '$lib/server/auth/sign-in';
import {
	encodeTotpKey,
	setupKeyFor,
	totpUri,
	unusedRecoveryCodeCount
} from '$lib/server/auth/two-factor';
import { getDb } from '$lib/server/db';
import {
	invalid,
	optionalText,
	password,
	readForm,
	refused,
	text,
	throttled
} from '$lib/server/forms';
import { requestOrigin } from '$lib/server/security/client';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireTwoFactorSetupUser(event);
	const redirectTo = safeRedirectTarget(event.url.searchParams.get('redirectTo'));
	const base = { redirectTo, staff: isStaff(user.role), enrolled: user.twoFactorEnabled };
	if (user.twoFactorEnabled) {
		return { ...base, setup: null, unusedCodes: await unusedRecoveryCodeCount(getDb(), user.id) };
	}
	const key = setupKeyFor(event.locals.session!.id);
	const uri = totpUri(key, user.email);
	const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
	return {
		...base,
		setup: {
			key: encodeTotpKey(key),
			qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
		},
		unusedCodes: 0
	};
};

const Setup = z.object({
	code: text('the code from your app', 40),
	redirectTo: optionalText('the page to return to', 2000)
});

const Manage = z.object({ password: password('your current password') });

async function manage(event: RequestEvent, change: 'new-recovery-codes' | 'disable') {
	const user = requireUser(event);
	if (!user.twoFactorEnabled) return fail(409, { message: 'Two-factor sign-in is not on.' });
	if (change === 'disable' && isStaff(user.role)) {
		error(403, 'Instructors and administrators must keep two-factor sign-in on.');
	}
	const form = await readForm(event.request, Manage);
	if (!form.ok) return invalid(form);
	const result = await manageSecondFactor(
		getDb(),
		user,
		{ password: form.data.password, change },
		requestOrigin(event)
	);
	if (result.status === 'throttled') {
		return throttled(event, 'password attempts', result.retryAfterSeconds);
	}
	if (result.status === 'invalid') {
		const message = 'That is not your current password.';
		return refused(message, {}, { password: message });
	}
	return { done: change, recoveryCodes: result.recoveryCodes };
}

export const actions: Actions = {
	setup: async (event) => {
		const user = requireTwoFactorSetupUser(event);
		const session = event.locals.session!;
		if (user.twoFactorEnabled) return fail(409, { message: 'Two-factor sign-in is already on.' });
		const form = await readForm(event.request, Setup);
		if (!form.ok) return invalid(form);
		const result = await setUpSecondFactor(
			getDb(),
			user.id,
			session.id,
			{ key: setupKeyFor(session.id), code: form.data.code },
			requestOrigin(event)
		);
		if (result.status === 'invalid') {
			const message = 'That code does not match. Enter the code your app shows now.';
			return refused(message, {}, { code: message });
		}
		return {
			done: 'setup' as const,
			recoveryCodes: result.recoveryCodes,
			redirectTo: safeRedirectTarget(form.data.redirectTo)
		};
	},
	codes: (event) => manage(event, 'new-recovery-codes'),
	disable: async (event) => {
		const result = await manage(event, 'disable');
		if ('done' in result) redirect(303, '/account?two-factor=off');
		return result;
	}
};
