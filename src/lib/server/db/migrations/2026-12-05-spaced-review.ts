import type { Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// "I'm unsure" as the student ticked it beside a question; it never changes the grade.
	await db.schema
		.alterTable('quiz_response')
		.addColumn('unsure', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	// One spaced-review card per question a student missed or was unsure of, with its FSRS state
	// (ts-fsrs's Card), and the one review on screen or last answered.
	await db.schema
		.createTable('review_card')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('due', 'text', (c) => c.notNull())
		.addColumn('stability', 'real', (c) => c.notNull())
		.addColumn('difficulty', 'real', (c) => c.notNull())
		.addColumn('elapsed_days', 'integer', (c) => c.notNull())
		.addColumn('scheduled_days', 'integer', (c) => c.notNull())
		.addColumn('learning_steps', 'integer', (c) => c.notNull())
		.addColumn('reps', 'integer', (c) => c.notNull())
		.addColumn('lapses', 'integer', (c) => c.notNull())
		.addColumn('state', 'integer', (c) => c.notNull())
		.addColumn('last_review', 'text')
		.addColumn('layout', 'text')
		.addColumn('layout_version', 'text')
		.addColumn('answer', 'text')
		.addColumn('answer_correct', 'integer')
		.execute();
	await db.schema
		.createIndex('review_card_question')
		.unique()
		.on('review_card')
		.columns(['user_id', 'course_id', 'quiz_id', 'question_id'])
		.execute();
	await db.schema
		.createIndex('review_card_user_due')
		.on('review_card')
		.columns(['user_id', 'due'])
		.execute();

	// The questions students missed before review existed become new cards, due since the first
	// attempt that missed them. Ids are made here: portable SQL has no random id function.
	const missed = await db
		.selectFrom('quiz_response as r')
		.innerJoin('quiz_attempt as a', 'a.id', 'r.attempt_id')
		.where('r.correct', '=', 0)
		.where('a.submitted_at', 'is not', null)
		.groupBy(['a.user_id', 'a.course_id', 'a.quiz_id', 'r.question_id'])
		.select([
			'a.user_id',
			'a.course_id',
			'a.quiz_id',
			'r.question_id',
			(eb) => eb.fn.min('a.submitted_at').as('first_missed')
		])
		.execute();
	for (let start = 0; start < missed.length; start += 200) {
		await db
			.insertInto('review_card')
			.values(
				missed.slice(start, start + 200).map((row) => ({
					id: crypto.randomUUID(),
					user_id: row.user_id,
					course_id: row.course_id,
					quiz_id: row.quiz_id,
					question_id: row.question_id,
					created_at: row.first_missed,
					due: row.first_missed,
					stability: 0,
					difficulty: 0,
					elapsed_days: 0,
					scheduled_days: 0,
					learning_steps: 0,
					reps: 0,
					lapses: 0,
					state: 0
				}))
			)
			.execute();
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('review_card').execute();
	await db.schema.alterTable('quiz_response').dropColumn('unsure').execute();
}
