import type { Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// What certificates print about the person: the name as they want it printed (else their account
	// name) and the license that Florida and other boards ask for.
	await db.schema.alterTable('user').addColumn('certificate_name', 'text').execute();
	await db.schema.alterTable('user').addColumn('license_number', 'text').execute();
	await db.schema.alterTable('user').addColumn('license_state', 'text').execute();

	// Who teaches which course: the database is the source of truth, frontmatter only displays.
	await db.schema
		.createTable('course_instructor')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('assigned_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('course_instructor_pk', ['user_id', 'course_id'])
		.execute();
	await db.schema
		.createIndex('course_instructor_course')
		.on('course_instructor')
		.column('course_id')
		.execute();

	// Security- and record-relevant events: who did what, when, from where. Kept with the CE
	// records, so actor ids are not foreign keys (a deleted account must not erase its history).
	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('at', 'text', (c) => c.notNull())
		.addColumn('actor_user_id', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject_type', 'text')
		.addColumn('subject_id', 'text')
		.addColumn('ip', 'text')
		.addColumn('details', 'text')
		.execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
	await db.schema
		.createIndex('audit_log_subject')
		.on('audit_log')
		.columns(['subject_type', 'subject_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('audit_log').execute();
	await db.schema.dropTable('course_instructor').execute();
	for (const column of ['license_state', 'license_number', 'certificate_name']) {
		await db.schema.alterTable('user').dropColumn(column).execute();
	}
}
