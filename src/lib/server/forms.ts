import { error, fail, isHttpError, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './auth/password';
import { retryMessage } from './security/rate-limit';

/**
 * Form input, validated at the boundary. Every action reads its form through `readForm` with a
 * zod schema; a field sent twice arrives as an array and a text schema refuses it, so no action
 * ever sees anything but the one string it expects.
 */

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
	{ ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

const chars = (value: string) => [...value].length;
/** Line breaks, NUL and the like have no place in a one-line field printed on a certificate. */
const CONTROL = /\p{Cc}/u;

/** One line of text: trimmed, at most `max` characters (not UTF-16 units). */
export function text(what: string, max: number) {
	return z
		.string({
			error: (issue) =>
				issue.input === undefined ? `Enter ${what}.` : `Send ${what} once, as text.`
		})
		.trim()
		.min(1, { error: `Enter ${what}.` })
		.refine((v) => chars(v) <= max, { error: `Use at most ${max} characters for ${what}.` })
		.refine((v) => !CONTROL.test(v), { error: `Remove the control characters from ${what}.` });
}

/** Like `text`, but may be left empty (then ''). */
export function optionalText(what: string, max: number) {
	return z
		.string({ error: `Send ${what} once, as text.` })
		.trim()
		.refine((v) => chars(v) <= max, { error: `Use at most ${max} characters for ${what}.` })
		.refine((v) => !CONTROL.test(v), { error: `Remove the control characters from ${what}.` })
		.optional()
		.transform((v) => v ?? '');
}

// Deliberately loose: one @, something on both sides, a dot in the domain. Mail delivery is the
// real test; a stricter pattern only turns away valid addresses.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const email = text('your e-mail address', 254).refine((v) => EMAIL.test(v), {
	error: 'Enter a valid e-mail address, like name@example.com.'
});

/** A password as typed: never trimmed (spaces count), checked for strength where it is set. */
export function password(what = 'your password') {
	return z
		.string({
			error: (issue) =>
				issue.input === undefined ? `Enter ${what}.` : `Send ${what} once, as text.`
		})
		.min(1, { error: `Enter ${what}.` })
		.refine((v) => chars(v) <= PASSWORD_MAX_LENGTH, {
			error: `Use a password of at most ${PASSWORD_MAX_LENGTH} characters.`
		});
}

/** A calendar date typed as YYYY-MM-DD (what `<input type="date">` sends); empty is no date. */
export function optionalDate(what: string) {
	return z
		.string({ error: `Send ${what} once, as a date.` })
		.trim()
		.refine((v) => v === '' || isCalendarDate(v), {
			error: `Enter ${what} as a date, like 2026-12-31.`
		})
		.optional()
		.transform((v) => v || undefined);
}

function isCalendarDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * Reads query parameters (filters, sorting, pages) through a schema. A parameter given twice or a
 * value the schema refuses ends in 400 with what to fix, never in a 500 or a silent default.
 */
export function readQuery<S extends z.ZodType>(params: URLSearchParams, schema: S): z.output<S> {
	const input: Record<string, unknown> = {};
	for (const key of new Set(params.keys())) {
		const all = params.getAll(key);
		input[key] = all.length === 1 ? all[0] : all;
	}
	const parsed = schema.safeParse(input);
	if (!parsed.success) error(400, parsed.error.issues.map((i) => i.message).join(' '));
	return parsed.data;
}

/** Fields never echoed back into a form. */
const SECRET = /password|code|token/i;

function formObject(form: FormData): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key);
		out[key] = all.length === 1 ? all[0] : all;
	}
	return out;
}

/** What the person typed, for refilling the form: single text values only, never secrets. */
function echo(input: Record<string, unknown>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(input).filter(
			(entry): entry is [string, string] =>
				typeof entry[1] === 'string' && !SECRET.test(entry[0]) && entry[1].length <= 2000
		)
	);
}

/**
 * Reads a form body. Bodies over the server's limit (`BODY_SIZE_LIMIT`) end in 413 and unreadable
 * ones in 400, each with a message, never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		const status = (e as { status?: unknown }).status;
		if (status === 413 || (isHttpError(e) && e.status === 413)) {
			error(
				413,
				'That form was larger than the server accepts. Shorten what you entered and send it again.'
			);
		}
		error(400, 'The form could not be read. Reload the page and try again.');
	}
}

/** Validates a form against its schema: the data, or a message per field. */
export function parseForm<S extends z.ZodType>(form: FormData, schema: S): FormResult<z.output<S>> {
	const input = formObject(form);
	const parsed = schema.safeParse(input);
	if (parsed.success) return { ok: true, data: parsed.data };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors, values: echo(input) };
}

export async function readForm<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<FormResult<z.output<S>>> {
	return parseForm(await readFormData(request), schema);
}

/** 400 with a message per field and what was typed (never a secret). */
export function invalid(result: { errors: FieldErrors; values: Record<string, string> }) {
	const count = Object.keys(result.errors).length;
	const message =
		count === 1 ? 'Correct the field marked below.' : `Correct the ${count} fields marked below.`;
	return fail(400, { message, errors: result.errors, values: result.values });
}

/** 400 with one message, e.g. a wrong password, keeping what was typed. */
export function refused(
	message: string,
	values: Record<string, string> = {},
	errors: FieldErrors = {}
) {
	return fail(400, { message, errors, values });
}

/** 403 with one message: understood, and not allowed (a closed course, a deactivated account). */
export function forbidden(message: string, values: Record<string, string> = {}) {
	return fail(403, { message, errors: {} as FieldErrors, values });
}

/** 429 with `Retry-After` and a message saying when to try again. */
export function throttled(
	event: Pick<RequestEvent, 'setHeaders'>,
	what: string,
	retryAfterSeconds: number,
	values: Record<string, string> = {}
) {
	event.setHeaders({ 'retry-after': String(retryAfterSeconds) });
	return fail(429, {
		message: retryMessage(what, retryAfterSeconds),
		errors: {} as FieldErrors,
		values
	});
}
