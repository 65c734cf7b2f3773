import { fail, redirect } from '@sveltejs/kit';
import { calendarDate } from '$lib/format';
import { requireUser } from '$lib/server/auth/guards';
import { now } from '$lib/server/clock';
import { issuerSettings } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { readFormData } from '$lib/server/forms';
import { answerReview, REVIEW_FIELD, reviewScreen } from '$lib/server/review/session';
import type { Actions, PageServerLoad } from './$types';

const CARD_ID = /^[0-9a-f-]{36}$/;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const answered = event.url.searchParams.get('answered');
	const screen = await reviewScreen(
		getDb(),
		user.id,
		now(),
		answered && CARD_ID.test(answered) ? answered : null
	);
	const { timeZone } = issuerSettings();
	return {
		...screen,
		feedback: screen.feedback && {
			...screen.feedback,
			dueDate: calendarDate(new Date(screen.feedback.due), timeZone)
		}
	};
};

// The review question's own fields (q1, q1-2, q1-x, q1-unsure…), echoed back on a refusal.
const FIELD = new RegExp(`^${REVIEW_FIELD}(-(\\d{1,3}|x|y|unsure))?$`);

export const actions: Actions = {
	answer: async (event) => {
		const user = requireUser(event);
		const form = await readFormData(event.request);
		const field = (name: string) =>
			form.getAll(name).filter((v): v is string => typeof v === 'string');
		const answers: Record<string, string[]> = {};
		for (const name of new Set(form.keys())) {
			if (FIELD.test(name)) answers[name] = field(name).map((v) => v.slice(0, 500));
		}
		const cards = field('card');
		const cardId = cards.length === 1 ? cards[0]! : '';
		if (!CARD_ID.test(cardId)) {
			return fail(400, { message: 'The review form is incomplete. Reload the page.', answers });
		}
		const result = await answerReview(getDb(), user.id, cardId, field, now());
		if (!result.ok) return fail(result.status, { message: result.message, answers });
		redirect(303, `/review?answered=${result.cardId}#feedback`);
	}
};
