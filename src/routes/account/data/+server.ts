import { error } from '@sveltejs/kit';
import { exportAccountData } from '$lib/server/account';
import { requireUser } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** "Download my data": everything kept about the signed-in person, as JSON. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const data = await exportAccountData(getDb(), user.id);
	if (!data) error(404, 'This account no longer exists.');
	const day = data.exportedAt.slice(0, 10);
	return new Response(JSON.stringify(data, null, '\t'), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="mmpa-academy-my-data-${day}.json"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
