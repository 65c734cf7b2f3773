import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/server/auth/guards';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';
import { signIn } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { findUserByEmail } from '$lib/server/db/users';
import { textField } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

// Verifying against a real hash when the e-mail is unknown keeps the response time the same, so
// timing does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const email = textField(form, 'email').trim();
		const password = textField(form, 'password');
		const redirectTo = safeRedirectTarget(textField(form, 'redirectTo'));
		if (!email || !password) {
			return fail(400, { message: 'Enter your e-mail address and password.', email });
		}

		const db = getDb();
		const user = await findUserByEmail(db, email);
		decoyHash ??= hashPassword('decoy password for unknown accounts');
		const valid = await verifyPassword(user?.password_hash ?? (await decoyHash), password);
		if (!user || !valid) {
			return fail(400, { message: 'That e-mail address and password do not match.', email });
		}
		await signIn(db, user.id, cookies, url);
		redirect(303, redirectTo);
	}
};
