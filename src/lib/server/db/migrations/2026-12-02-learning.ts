import type { Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Where in the last lesson the student was reading: thousandths of the lesson's length, so a
	// phone and a desk screen land on the same passage.
	await db.schema.alterTable('enrollment').addColumn('last_position', 'integer').execute();

	// The answers of an open attempt as the form last sent them (JSON [name, value] pairs), so a
	// dropped connection or another browser loses nothing.
	await db.schema.alterTable('quiz_attempt').addColumn('draft', 'text').execute();
	await db.schema.alterTable('quiz_attempt').addColumn('draft_saved_at', 'text').execute();

	// Time on task per lesson, from heartbeats; `last_beat_at` bounds what the next beat credits.
	await db.schema
		.createTable('lesson_time')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('lesson_id', 'text', (c) => c.notNull())
		.addColumn('milliseconds', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('last_beat_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('lesson_time_pk', ['user_id', 'course_id', 'lesson_id'])
		.execute();
	// The instructor roster sums a course's time per student.
	await db.schema
		.createIndex('lesson_time_course')
		.on('lesson_time')
		.columns(['course_id', 'user_id'])
		.execute();

	// One evaluation per student and course.
	await db.schema
		.createTable('course_evaluation')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('objectives', 'integer', (c) => c.notNull())
		.addColumn('instructor', 'integer', (c) => c.notNull())
		.addColumn('materials', 'integer', (c) => c.notNull())
		.addColumn('relevance', 'integer', (c) => c.notNull())
		.addColumn('comments', 'text', (c) => c.notNull())
		.addColumn('submitted_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('course_evaluation_pk', ['user_id', 'course_id'])
		.execute();
	await db.schema
		.createIndex('course_evaluation_course')
		.on('course_evaluation')
		.columns(['course_id', 'submitted_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('course_evaluation').execute();
	await db.schema.dropTable('lesson_time').execute();
	await db.schema.alterTable('quiz_attempt').dropColumn('draft_saved_at').execute();
	await db.schema.alterTable('quiz_attempt').dropColumn('draft').execute();
	await db.schema.alterTable('enrollment').dropColumn('last_position').execute();
}
