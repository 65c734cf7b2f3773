import type { Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// The last rendered PDF of each certificate. A certificate is a snapshot, so its PDF changes
	// only with its standing (a revoked one is stamped) or the renderer: `print_key` is a hash of
	// everything printed plus the renderer's source, and a different key means render again.
	// Not a foreign key, like the asset columns: it is a cache, and nothing deletes certificates.
	await db.schema
		.createTable('certificate_pdf')
		.addColumn('certificate_id', 'text', (c) => c.primaryKey())
		.addColumn('print_key', 'text', (c) => c.notNull())
		.addColumn('bytes', 'blob', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('certificate_pdf').execute();
}
