import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c
				.notNull()
				.defaultTo('student')
				.check(sql`role in ('student', 'instructor', 'admin')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user_id').on('session').column('user_id').execute();

	await db.schema
		.createTable('enrollment')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('enrolled_at', 'text', (c) => c.notNull())
		.addColumn('last_lesson_id', 'text')
		.addColumn('last_activity_at', 'text')
		.addPrimaryKeyConstraint('enrollment_pk', ['user_id', 'course_id'])
		.execute();

	await db.schema
		.createTable('lesson_progress')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('lesson_id', 'text', (c) => c.notNull())
		.addColumn('opened_at', 'text', (c) => c.notNull())
		.addColumn('completed_at', 'text')
		.addPrimaryKeyConstraint('lesson_progress_pk', ['user_id', 'course_id', 'lesson_id'])
		.execute();

	await db.schema
		.createTable('quiz_attempt')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('lesson_id', 'text', (c) => c.notNull())
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('quiz_version', 'text', (c) => c.notNull())
		.addColumn('layout', 'text', (c) => c.notNull())
		.addColumn('started_at', 'text', (c) => c.notNull())
		.addColumn('submitted_at', 'text')
		.addColumn('correct_count', 'integer')
		.addColumn('question_count', 'integer', (c) => c.notNull())
		.addColumn('score', 'integer')
		.addColumn('passing_grade', 'integer', (c) => c.notNull())
		.addColumn('passed', 'integer')
		.execute();
	await db.schema
		.createIndex('quiz_attempt_user_quiz')
		.on('quiz_attempt')
		.columns(['user_id', 'course_id', 'quiz_id'])
		.execute();

	await db.schema
		.createTable('quiz_response')
		.addColumn('attempt_id', 'text', (c) =>
			c.notNull().references('quiz_attempt.id').onDelete('cascade')
		)
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('selected', 'text', (c) => c.notNull())
		.addColumn('correct', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('quiz_response_pk', ['attempt_id', 'question_id'])
		.execute();

	await db.schema
		.createTable('certificate')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('holder_name', 'text', (c) => c.notNull())
		.addColumn('course_title', 'text', (c) => c.notNull())
		.addColumn('ce_hours', 'real', (c) => c.notNull())
		.addColumn('course_type', 'text', (c) => c.notNull())
		.addColumn('completion_date', 'text', (c) => c.notNull())
		.addColumn('provider_name', 'text', (c) => c.notNull())
		.addColumn('provider_contact', 'text', (c) => c.notNull())
		.addColumn('issued_at', 'text', (c) => c.notNull())
		.execute();
	// Exactly one certificate per student and course: issuance inserts with ON CONFLICT DO NOTHING.
	await db.schema
		.createIndex('certificate_user_course')
		.on('certificate')
		.columns(['user_id', 'course_id'])
		.unique()
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'certificate',
		'quiz_response',
		'quiz_attempt',
		'lesson_progress',
		'enrollment',
		'session',
		'user'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
