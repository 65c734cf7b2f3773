import { building } from '$app/environment';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { nodeVersionProblem } from '$lib/node-version';
import { issuerSettings, missingIssuerDetails } from '$lib/server/config';
import { signingKey } from '$lib/server/credentials/keys';
import { getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';

export const init: ServerInit = async () => {
	// Plain `node build` on the machines' Node 20 would serve pages and then crash in SQLite.
	const problem = nodeVersionProblem(process.versions.node);
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
	if (building) return;
	// A bad settings file stops the server here, with a message naming the field.
	try {
		const missing = missingIssuerDetails(issuerSettings());
		if (missing.length > 0) {
			console.warn(
				`Issuer settings: ${missing.join(', ')} not set; certificates print without them.`
			);
		}
		// Created on first start; an unusable configured key stops the server here too.
		await signingKey();
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
	const applied = await migrateToLatest(getDb());
	if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
};

export const handle: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user, renewed } = await validateSessionToken(getDb(), token);
		if (session) {
			if (renewed) setSessionCookie(event.cookies, token, session.expiresAt, event.url);
			event.locals.session = session;
			event.locals.user = user;
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	return response;
};
