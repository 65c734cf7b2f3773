import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/auth/sign-in';
import { deleteSessionCookie } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import { requestOrigin } from '$lib/server/security/client';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link or prefetch must not end a session); a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const { session } = event.locals;
		if (session) await signOut(getDb(), session, requestOrigin(event));
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/');
	}
};
