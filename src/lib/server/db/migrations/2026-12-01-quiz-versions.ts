import type { Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Every version of a quiz that an attempt was started on, as validated JSON whose hash is the
	// version: an attempt taken before an edit is still graded and reviewed against what it showed.
	await db.schema
		.createTable('quiz_version')
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('version', 'text', (c) => c.notNull())
		.addColumn('definition', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('quiz_version_pk', ['course_id', 'quiz_id', 'version'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('quiz_version').execute();
}
