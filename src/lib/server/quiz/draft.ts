import type { Database } from '../db';
import type { Quiz } from '../content';

/**
 * Drafts: the answers of an open attempt saved on the server as the student works, so a dropped
 * connection or a new browser loses nothing. A draft is the form's fields as sent (every field but
 * the attempt id, whatever the form comes to hold), validated for shape and size only: it is
 * graded never, and shown back only to its owner, in the form it came from. It holds nothing the
 * student did not type or choose, so it cannot reveal an answer.
 */

/** The fields of a saved draft, as the quiz form reads them back: name → values. */
export type DraftFields = Record<string, string[]>;

const NAME = /^[a-z][a-z0-9_-]{0,63}$/i;
const MAX_FIELDS = 400;
const MAX_VALUE = 500;

/** A draft refused: the message and the status to answer with. */
export class DraftError extends Error {
	constructor(
		readonly status: 400 | 409,
		message: string
	) {
		super(message);
	}
}

/** The fields worth keeping, or a DraftError saying what is wrong with the form. */
export function draftFields(form: FormData): [string, string][] {
	const pairs: [string, string][] = [];
	for (const [name, value] of form.entries()) {
		if (name === 'attempt') continue;
		if (typeof value !== 'string' || !NAME.test(name)) {
			throw new DraftError(400, 'The quiz form could not be read. Reload the page.');
		}
		if ([...value].length > MAX_VALUE) {
			throw new DraftError(400, `Keep each answer under ${MAX_VALUE} characters.`);
		}
		// An empty text box or an unchosen menu says nothing worth keeping.
		if (value !== '') pairs.push([name, value]);
	}
	if (pairs.length > MAX_FIELDS) {
		throw new DraftError(400, 'The quiz form has more answers than it can hold. Reload the page.');
	}
	return pairs;
}

/**
 * Saves the form as the draft of the student's open attempt at this quiz. Refused with 409 when
 * the attempt was submitted meanwhile (in another tab): the draft would never be seen.
 */
export async function saveDraft(
	db: Database,
	userId: string,
	quiz: Quiz,
	attemptId: string,
	form: FormData,
	now = new Date()
): Promise<string> {
	const pairs = draftFields(form);
	const at = now.toISOString();
	const saved = await db
		.updateTable('quiz_attempt')
		.set({ draft: JSON.stringify(pairs), draft_saved_at: at })
		.where('id', '=', attemptId)
		.where('user_id', '=', userId)
		.where('course_id', '=', quiz.courseId)
		.where('quiz_id', '=', quiz.id)
		.where('submitted_at', 'is', null)
		.executeTakeFirst();
	if (Number(saved.numUpdatedRows) === 0) {
		throw new DraftError(
			409,
			'This attempt was already submitted or is no longer open. Reload the page to see it.'
		);
	}
	return at;
}

/** A stored draft read back for the form; anything unreadable is treated as no draft. */
export function parseDraft(stored: string | null): DraftFields {
	if (!stored) return {};
	let pairs: unknown;
	try {
		pairs = JSON.parse(stored);
	} catch {
		return {};
	}
	const fields: DraftFields = {};
	if (!Array.isArray(pairs)) return fields;
	for (const pair of pairs) {
		if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') {
			(fields[pair[0]] ??= []).push(pair[1]);
		}
	}
	return fields;
}
