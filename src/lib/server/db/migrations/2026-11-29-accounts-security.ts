import type { Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Two-factor: the TOTP key encrypted at rest, and the last time step accepted, so that a code
	// is good once. A deleted account keeps its CE record; `erased_at` says when the rest went.
	await db.schema.alterTable('user').addColumn('totp_key', 'text').execute();
	await db.schema.alterTable('user').addColumn('totp_last_counter', 'integer').execute();
	await db.schema.alterTable('user').addColumn('erased_at', 'text').execute();

	// What the account page lists about each signed-in device, and what the staff idle timeout
	// and the second factor need.
	await db.schema.alterTable('session').addColumn('last_seen_at', 'text').execute();
	await db.schema
		.alterTable('session')
		.addColumn('two_factor_verified', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('session').addColumn('ip', 'text').execute();
	await db.schema.alterTable('session').addColumn('user_agent', 'text').execute();
	await db.schema.createIndex('session_expires_at').on('session').column('expires_at').execute();

	await db.schema
		.createTable('recovery_code')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('code_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addPrimaryKeyConstraint('recovery_code_pk', ['user_id', 'code_hash'])
		.execute();

	await db.schema
		.createTable('password_reset')
		// SHA-256 of the token in the link, as for sessions.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('password_reset_user_id')
		.on('password_reset')
		.column('user_id')
		.execute();

	// Token buckets shared by every app instance on this database.
	await db.schema
		.createTable('rate_limit')
		.addColumn('bucket', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('tokens', 'real', (c) => c.notNull())
		.addColumn('updated_at', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('rate_limit_pk', ['bucket', 'key'])
		.execute();
	await db.schema
		.createIndex('rate_limit_updated_at')
		.on('rate_limit')
		.column('updated_at')
		.execute();

	await db.schema.createIndex('audit_log_actor').on('audit_log').column('actor_user_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('audit_log_actor').execute();
	await db.schema.dropTable('rate_limit').execute();
	await db.schema.dropTable('password_reset').execute();
	await db.schema.dropTable('recovery_code').execute();
	await db.schema.dropIndex('session_expires_at').execute();
	for (const column of ['user_agent', 'ip', 'two_factor_verified', 'last_seen_at']) {
		await db.schema.alterTable('session').dropColumn(column).execute();
	}
	for (const column of ['erased_at', 'totp_last_counter', 'totp_key']) {
		await db.schema.alterTable('user').dropColumn(column).execute();
	}
}
