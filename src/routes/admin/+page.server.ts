import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { changeRoleAsAdmin } from '$lib/server/account';
import { searchUsers, USERS_PER_PAGE } from '$lib/server/admin/accounts';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	invalid,
	password,
	readForm,
	readQuery,
	refused,
	text,
	throttled
} from '$lib/server/forms';
import { requestOrigin } from '$lib/server/security/client';
import type { Actions, PageServerLoad } from './$types';

const Search = z.object({
	q: z
		.string({ error: 'Search for one thing at a time.' })
		.trim()
		.max(254, { error: 'Search for at most 254 characters.' })
		.default(''),
	role: z
		.enum(['any', 'student', 'instructor', 'admin'], {
			error: 'Choose any role, student, instructor or admin.'
		})
		.default('any'),
	status: z
		.enum(['any', 'active', 'deactivated'], { error: 'Choose any, active or deactivated.' })
		.default('any'),
	page: z.coerce
		.number({ error: 'The page must be a number.' })
		.int({ error: 'The page must be a whole number.' })
		.min(1, { error: 'Pages start at 1.' })
		.max(100_000, { error: 'There is no such page.' })
		.default(1)
});

export const load: PageServerLoad = async (event) => {
	const admin = requireRole(event, 'admin');
	const search = readQuery(event.url.searchParams, Search);
	const { users, total } = await searchUsers(getDb(), search);
	return {
		users,
		total,
		search,
		pages: Math.max(1, Math.ceil(total / USERS_PER_PAGE)),
		me: admin.id
	};
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
