import { json } from '@sveltejs/kit';
import { issuerSettings } from '$lib/server/config';
import { CONTEXTS, issuerProfile } from '$lib/server/credentials/open-badge';
import type { RequestHandler } from './$types';

// The issuer Profile our credentials name as their issuer (Open Badges 3.0, JSON-LD).
export const GET: RequestHandler = () => {
	const settings = issuerSettings();
	const profile = issuerProfile(settings.siteUrl, {
		name: settings.providerName,
		contact: settings.providerContact,
		ncbtmbNumber: settings.ncbtmbProviderNumber || null,
		floridaNumber: settings.floridaProviderNumber || null
	});
	return json(
		{ '@context': [...CONTEXTS], ...profile },
		{
			headers: {
				'Content-Type': 'application/ld+json; charset=utf-8',
				'Cache-Control': 'public, max-age=3600'
			}
		}
	);
};
