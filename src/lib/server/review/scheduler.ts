import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import type { ReviewCardTable } from '../db/schema';

/** The FSRS fields of a review card as stored: ts-fsrs's `Card` with ISO dates. */
export type StoredSchedule = Pick<
	ReviewCardTable,
	| 'due'
	| 'stability'
	| 'difficulty'
	| 'elapsed_days'
	| 'scheduled_days'
	| 'learning_steps'
	| 'reps'
	| 'lapses'
	| 'state'
	| 'last_review'
>;

// Whole days only (no short-term learning steps): students come back to review after work, not
// ten minutes later, and "due" then means due today. No fuzz, so a schedule can be explained
// and tested. At most a year between reviews: licenses renew every two years or so, and a
// graduate should meet each missed question at least once in between.
const scheduler = fsrs(
	generatorParameters({ enable_short_term: false, enable_fuzz: false, maximum_interval: 365 })
);

/**
 * The rating is derived from the answer, never asked for: a wrong answer is Again; a right one
 * is Good, or Hard when the student ticked "I'm unsure". A self-rating after seeing the key
 * would let a miss be rated Easy and pushed away for months, and costs a second tap on a phone.
 * Easy is never given: these are questions the student once got wrong.
 */
export function ratingFor(correct: boolean, unsure: boolean): Grade {
	if (!correct) return Rating.Again;
	return unsure ? Rating.Hard : Rating.Good;
}

/** A new card, due at once. */
export function newSchedule(now: Date): StoredSchedule {
	return toStored(createEmptyCard(now));
}

/** The schedule after one review rated `grade` at `now`. */
export function nextSchedule(stored: StoredSchedule, now: Date, grade: Grade): StoredSchedule {
	return toStored(scheduler.next(toCard(stored), now, grade).card);
}

function toCard(stored: StoredSchedule): Card {
	return {
		due: new Date(stored.due),
		stability: stored.stability,
		difficulty: stored.difficulty,
		elapsed_days: stored.elapsed_days,
		scheduled_days: stored.scheduled_days,
		learning_steps: stored.learning_steps,
		reps: stored.reps,
		lapses: stored.lapses,
		state: stored.state,
		last_review: stored.last_review ? new Date(stored.last_review) : undefined
	};
}

function toStored(card: Card): StoredSchedule {
	return {
		due: card.due.toISOString(),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsed_days,
		scheduled_days: card.scheduled_days,
		learning_steps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		last_review: card.last_review ? card.last_review.toISOString() : null
	};
}
