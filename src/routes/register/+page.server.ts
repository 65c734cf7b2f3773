import { fail, redirect } from '@sveltejs/kit';
import { safeRedirectTarget } from '$lib/server/auth/guards';
import { hashPassword, passwordProblem } from '$lib/server/auth/password';
import { signIn } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { createUser } from '$lib/server/db/users';
import { emailProblem, nameProblem, textField } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectTarget(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await request.formData();
		const name = textField(form, 'name').trim();
		const email = textField(form, 'email').trim();
		const password = textField(form, 'password');
		const redirectTo = safeRedirectTarget(textField(form, 'redirectTo'));

		const message = nameProblem(name) ?? emailProblem(email) ?? passwordProblem(password);
		if (message) return fail(400, { message, name, email });

		const db = getDb();
		const user = await createUser(db, { name, email, passwordHash: await hashPassword(password) });
		if (!user) {
			// Saying so helps a returning student; the README notes that it reveals the address exists.
			return fail(400, {
				message: 'An account with this e-mail address already exists. Sign in instead.',
				name,
				email
			});
		}
		await signIn(db, user.id, cookies, url);
		redirect(303, redirectTo);
	}
};
