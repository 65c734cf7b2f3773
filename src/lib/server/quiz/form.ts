import type { Database } from '../db';
import type { QuizAttempt } from '../db/schema';
import type { Quiz } from '../content';
import { DraftError, saveDraft } from './draft';
import { AttemptLimitError, QuizInputError, StaleAttemptError, submitAttempt } from './attempts';

/** What the student sent, echoed back when a submission is refused so nothing is lost. */
export type EchoedAnswers = Record<string, string[]>;

export type QuizFormResult =
	| { ok: true; attempt: QuizAttempt }
	| { ok: false; status: 400 | 403 | 409; message: string; answers: EchoedAnswers };

// q3, q3-2 (a matching row or an ordering item), q3-x and q3-y (a point on a hotspot image),
// q3-unsure (the student's "I'm unsure" mark).
const FIELD = /^q\d{1,3}(-(\d{1,3}|x|y|unsure))?$/;

/** Grades a posted quiz form, or says, with the form's answers, what the student must fix. */
export async function submitQuizForm(
	db: Database,
	userId: string,
	quiz: Quiz,
	form: FormData
): Promise<QuizFormResult> {
	const field = (name: string) =>
		form.getAll(name).filter((v): v is string => typeof v === 'string');
	const answers: EchoedAnswers = {};
	for (const name of new Set(form.keys())) {
		if (FIELD.test(name)) answers[name] = field(name).map((v) => v.slice(0, 500));
	}
	const attemptId = attemptIdOf(form);
	if (!attemptId) {
		return {
			ok: false,
			status: 400,
			message: 'The quiz form is incomplete. Reload the page.',
			answers
		};
	}
	try {
		return { ok: true, attempt: await submitAttempt(db, userId, attemptId, quiz, field) };
	} catch (e) {
		if (e instanceof QuizInputError) return { ok: false, status: 400, message: e.message, answers };
		if (e instanceof AttemptLimitError) {
			return { ok: false, status: 403, message: e.message, answers };
		}
		// A new attempt shuffles anew, so the old positions would mean other answers.
		if (e instanceof StaleAttemptError) {
			return { ok: false, status: 409, message: e.message, answers: {} };
		}
		throw e;
	}
}

/** Exactly one attempt id, as the page wrote it: a repeated or oversized field is refused. */
function attemptIdOf(form: FormData): string | undefined {
	const attempts = form.getAll('attempt');
	const attemptId = attempts.length === 1 ? attempts[0] : undefined;
	return typeof attemptId === 'string' && attemptId !== '' && attemptId.length <= 64
		? attemptId
		: undefined;
}

export type DraftFormResult =
	| { ok: true; savedAt: string }
	| { ok: false; status: 400 | 409; message: string; answers: EchoedAnswers };

/** Saves a posted quiz form as the draft of its attempt, or says why not, echoing the answers. */
export async function saveDraftForm(
	db: Database,
	userId: string,
	quiz: Quiz,
	form: FormData
): Promise<DraftFormResult> {
	const answers: EchoedAnswers = {};
	for (const name of new Set(form.keys())) {
		if (FIELD.test(name)) {
			answers[name] = form
				.getAll(name)
				.filter((v): v is string => typeof v === 'string')
				.map((v) => v.slice(0, 500));
		}
	}
	const attemptId = attemptIdOf(form);
	if (!attemptId) {
		return {
			ok: false,
			status: 400,
			message: 'The quiz form is incomplete. Reload the page.',
			answers
		};
	}
	try {
		return { ok: true, savedAt: await saveDraft(db, userId, quiz, attemptId, form) };
	} catch (e) {
		if (e instanceof DraftError) {
			return { ok: false, status: e.status, message: e.message, answers };
		}
		throw e;
	}
}
