import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { changeRoleAsAdmin } from '$lib/server/account';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listUsers } from '$lib/server/db/users';
import { invalid, password, readForm, refused, text, throttled } from '$lib/server/forms';
import { requestOrigin } from '$lib/server/security/client';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const admin = requireRole(event, 'admin');
	const users = await listUsers(getDb());
	return { users, me: admin.id };
};

const SetRole = z.object({
	userId: text('the account', 64),
	role: z.enum(['student', 'instructor', 'admin'], {
		error: 'Choose student, instructor or admin.'
	}),
	password: password('your password')
});

export const actions: Actions = {
	setRole: async (event) => {
		const admin = requireRole(event, 'admin');
		const form = await readForm(event.request, SetRole);
		if (!form.ok) return invalid(form);
		const result = await changeRoleAsAdmin(getDb(), admin, form.data, requestOrigin(event));
		if (result.status === 'throttled') {
			return throttled(event, 'password attempts', result.retryAfterSeconds);
		}
		if (result.status === 'invalid') {
			const message = 'That is not your password.';
			return refused(message, {}, { password: message });
		}
		if (result.status === 'refused') return refused(result.message);
		if (result.status === 'unknown-user') error(404, 'There is no such account.');
		return { saved: true };
	}
};
