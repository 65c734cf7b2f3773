import { error, json } from '@sveltejs/kit';
import { siteOrigin } from '$lib/server/config';
import { publishedKey, signingKey } from '$lib/server/credentials/keys';
import type { RequestHandler } from './$types';

// Each credential's `kid` header is this URL: it dereferences to the public key as a JWK.
export const GET: RequestHandler = async ({ params }) => {
	const key = await signingKey();
	if (params.kid !== key.thumbprint) error(404, 'We have no key with this id.');
	return json(publishedKey(key, siteOrigin()), {
		headers: { 'Cache-Control': 'public, max-age=3600' }
	});
};
