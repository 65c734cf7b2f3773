import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { nodeVersionProblem } from '$lib/node-version';
import { issuerSettings, missingIssuerDetails } from '$lib/server/config';
import { signingKey } from '$lib/server/credentials/keys';
import { databaseKind, describeDatabase, getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { closeDatabaseOnShutdown } from '$lib/server/lifecycle';
import { logger, requestIdFrom } from '$lib/server/log';
import {
	deleteSessionCookie,
	isStaff,
	SESSION_COOKIE,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { applySecurityHeaders } from '$lib/server/security/headers';
import { startHousekeeping } from '$lib/server/security/housekeeping';

export const init: ServerInit = async () => {
	// Plain `node build` on the machines' Node 20 would serve pages and then crash in SQLite.
	const problem = nodeVersionProblem(process.versions.node);
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
	if (building) return;
	closeDatabaseOnShutdown();
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
	if (databaseKind() === 'postgres') {
		// Each instance would otherwise make its own key files in DATA_DIR: TOTP keys sealed by
		// one instance would not open on another, and credentials would carry several keys.
		const unshared = ['SECRET_KEY', 'CREDENTIAL_SIGNING_KEY'].filter((name) => !process.env[name]);
		if (unshared.length > 0) {
			logger.warn(
				`${unshared.join(' and ')} not set: fine for one instance, but every instance on this PostgreSQL database must be given the same value.`
			);
		}
	}
	const applied = await migrateToLatest(getDb());
	if (applied.length > 0) logger.info({ migrations: applied }, 'Applied migrations');
	logger.info({ database: describeDatabase() }, 'Database ready');
	startHousekeeping(getDb());
};

/**
 * One JSON log line per request that reaches the app (adapter-node serves static files before
 * this): id, method, route, status, duration. No query string, headers or cookies.
 */
const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const id = requestIdFrom(event.request.headers);
	event.locals.requestId = id;
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		response.headers.set('X-Request-Id', id);
		return response;
	} finally {
		const fields = {
			reqId: id,
			method: event.request.method,
			route: event.route.id,
			// Unmatched paths (404s) are logged by path: nothing secret travels in a path here.
			...(event.route.id ? {} : { path: event.url.pathname.slice(0, 200) }),
			status,
			ms: Math.round((performance.now() - started) * 10) / 10
		};
		// Load balancers poll the health check every few seconds.
		if (event.route.id === '/healthz' && status === 200) logger.debug(fields, 'request');
		else logger.info(fields, 'request');
	}
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	applySecurityHeaders(response.headers, {
		https: event.url.protocol === 'https:',
		personal: event.locals.session !== null
	});
	return response;
};

/**
 * `locals.user` is someone fully signed in. A session whose password was given but whose second
 * factor was not (or staff who have yet to set one up) is `locals.pendingUser`: it reaches only
 * the two-factor pages and sign-out.
 */
const authenticate: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.pendingUser = null;
	event.locals.session = null;
	if (token) {
		const { session, user, renewed } = await validateSessionToken(getDb(), token);
		if (session) {
			if (renewed) setSessionCookie(event.cookies, token, session.expiresAt, event.url);
			event.locals.session = session;
			const needsSecondFactor = user.twoFactorEnabled || isStaff(user.role);
			if (needsSecondFactor && !session.twoFactorVerified) event.locals.pendingUser = user;
			else event.locals.user = user;
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

export const handle = sequence(requestLog, securityHeaders, authenticate);

/** Errors the client caused keep their status and say what happened; the rest are logged. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 413) {
		return {
			message:
				'That request was larger than the server accepts. Shorten what you entered and send it again.'
		};
	}
	if (status >= 500) {
		logger.error({ err: error, reqId: event.locals.requestId, route: event.route.id }, message);
	}
	return { message };
};
