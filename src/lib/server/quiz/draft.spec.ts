import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testQuiz } from '../content/test-content';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { createUser } from '../db/users';
import { openAttempt, submitAttempt } from './attempts';
import { DraftError, parseDraft, saveDraft } from './draft';
import { saveDraftForm, submitQuizForm } from './form';
import { answerForm, formField } from './test-answers';
import { quizSection } from './view';

let db: Database;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

async function student(email = 'ana@example.com') {
	const user = await createUser(db, { email, name: 'Ana Lima', passwordHash: 'not-checked' });
	if (!user) throw new Error('test setup: user not created');
	return user.id;
}

function form(fields: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of fields) data.append(name, value);
	return data;
}

const section = (userId: string, t: ReturnType<typeof testQuiz>) =>
	quizSection(db, userId, t.course, t.quiz, {
		enrolled: true,
		reviewAttemptId: null,
		preview: false
	});

describe('quiz drafts', () => {
	it('keep every field the form sent, those added later too, and fill the form back in', async () => {
		const userId = await student();
		const t = testQuiz();
		const attempt = await openAttempt(db, userId, t.quiz);

		await saveDraft(
			db,
			userId,
			t.quiz,
			attempt.id,
			form([
				['attempt', attempt.id],
				['q1', '2'],
				['q2', '1'],
				['q2', '3'],
				['q4', '<b>not bold</b> & kept'],
				['q5-1', ''],
				['q1-unsure', 'on']
			]),
			new Date('2026-11-28T10:00:00.000Z')
		);

		const again = await section(userId, t);
		expect(again.attempt?.id).toBe(attempt.id);
		expect(again.attempt?.draft).toEqual({
			q1: ['2'],
			q2: ['1', '3'],
			q4: ['<b>not bold</b> & kept'],
			'q1-unsure': ['on']
		});
		expect(again.attempt?.draftSavedAt).toBe('2026-11-28T10:00:00.000Z');
	});

	it('hold only what the student sent: nothing of the key', async () => {
		const userId = await student();
		const t = testQuiz();
		const attempt = await openAttempt(db, userId, t.quiz);
		await saveDraft(db, userId, t.quiz, attempt.id, form([['q1', '1']]));

		const stored = await db.selectFrom('quiz_attempt').select('draft').executeTakeFirstOrThrow();
		expect(parseDraft(stored.draft)).toEqual({ q1: ['1'] });
	});

	it.each([
		['a field name that is not one', [['<script>', 'x']]],
		['an answer too long', [['q1', 'x'.repeat(501)]]],
		['too many fields', Array.from({ length: 401 }, (_, i) => [`q${i}`, '1'])]
	] as [string, [string, string][]][])(
		'refuse %s, keeping the draft there was',
		async (_, fields) => {
			const userId = await student();
			const t = testQuiz();
			const attempt = await openAttempt(db, userId, t.quiz);
			await saveDraft(db, userId, t.quiz, attempt.id, form([['q1', '1']]));

			const result = await saveDraftForm(
				db,
				userId,
				t.quiz,
				form([['attempt', attempt.id], ...fields])
			);

			expect(result).toMatchObject({ ok: false, status: 400 });
			expect((await section(userId, t)).attempt?.draft).toEqual({ q1: ['1'] });
		}
	);

	it('are refused for another student’s attempt and for a submitted one', async () => {
		const owner = await student();
		const other = await student('bea@example.com');
		const t = testQuiz();
		const attempt = await openAttempt(db, owner, t.quiz);

		const forged = saveDraft(db, other, t.quiz, attempt.id, form([['q1', '1']]));
		await expect(forged).rejects.toBeInstanceOf(DraftError);

		await submitAttempt(
			db,
			owner,
			attempt.id,
			t.quiz,
			formField(answerForm(t.quiz, attempt, 'right'))
		);
		const late = await saveDraftForm(
			db,
			owner,
			t.quiz,
			form([
				['attempt', attempt.id],
				['q1', '1']
			])
		);
		expect(late).toMatchObject({ ok: false, status: 409 });
	});

	it('are cleared by the submission, whose answers are stored instead', async () => {
		const userId = await student();
		const t = testQuiz();
		const attempt = await openAttempt(db, userId, t.quiz);
		await saveDraft(db, userId, t.quiz, attempt.id, form([['q1', '1']]));

		await submitAttempt(
			db,
			userId,
			attempt.id,
			t.quiz,
			formField(answerForm(t.quiz, attempt, 'wrong'))
		);

		const stored = await db.selectFrom('quiz_attempt').selectAll().executeTakeFirstOrThrow();
		expect(stored).toMatchObject({ draft: null, draft_saved_at: null });
	});
});

describe('a double submission', () => {
	it('sent twice at once makes one attempt, and both get that attempt', async () => {
		const userId = await student();
		const t = testQuiz();
		const attempt = await openAttempt(db, userId, t.quiz);
		const answers = answerForm(t.quiz, attempt, 'right');
		const posted = () =>
			form([
				['attempt', attempt.id],
				...Object.entries(answers).flatMap(([name, values]) =>
					values.map((v): [string, string] => [name, v])
				)
			]);

		const [first, second] = await Promise.all([
			submitQuizForm(db, userId, t.quiz, posted()),
			submitQuizForm(db, userId, t.quiz, posted())
		]);

		expect(first.ok && second.ok).toBe(true);
		if (first.ok && second.ok) expect(second.attempt).toEqual(first.attempt);
		const attempts = await db.selectFrom('quiz_attempt').selectAll().execute();
		expect(attempts).toHaveLength(1);
		const responses = await db.selectFrom('quiz_response').selectAll().execute();
		expect(responses).toHaveLength(attempts[0]!.question_count);
	});
});
