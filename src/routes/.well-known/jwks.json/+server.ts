import { json } from '@sveltejs/kit';
import { siteOrigin } from '$lib/server/config';
import { publishedKeys } from '$lib/server/credentials/keys';
import type { RequestHandler } from './$types';

// The public keys that verify our credentials, at the conventional JWK Set location.
export const GET: RequestHandler = async () =>
	json(await publishedKeys(siteOrigin()), {
		headers: { 'Cache-Control': 'public, max-age=3600' }
	});
