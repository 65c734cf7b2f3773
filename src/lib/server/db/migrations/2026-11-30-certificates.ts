import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

const SNAPSHOT_COLUMNS = [
	'holder_license_number',
	'holder_license_state',
	'ncbtmb_approval_number',
	'florida_program_number',
	'provider_ncbtmb_number',
	'provider_florida_number',
	'signatory_name',
	'signatory_title',
	'site_url'
];
const STATE_COLUMNS = ['superseded_at', 'revoked_at', 'revoked_reason', 'revoked_by'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Signature and logo images, stored once by content so that each certificate can keep the ones
	// it was issued with.
	await db.schema
		.createTable('certificate_asset')
		.addColumn('sha256', 'text', (c) => c.primaryKey())
		.addColumn('media_type', 'text', (c) => c.notNull())
		.addColumn('bytes', 'blob', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	// The rest of what a board requires on the certificate, copied at issue (null on certificates
	// issued before this migration, which print as they did).
	for (const column of [...SNAPSHOT_COLUMNS, ...STATE_COLUMNS]) {
		await db.schema.alterTable('certificate').addColumn(column, 'text').execute();
	}
	// Not foreign keys: SQLite cannot drop a referencing column, which would make down() fail.
	// Issuance writes the asset before the certificate that names it, and nothing deletes either.
	for (const column of ['signature_asset', 'logo_asset', 'supersedes_id']) {
		await db.schema.alterTable('certificate').addColumn(column, 'text').execute();
	}

	// A reissue adds a second certificate for the same student and course, so "exactly one" now
	// means exactly one current certificate: the unique index covers the rows not superseded, and
	// issuance keeps inserting with ON CONFLICT DO NOTHING against it.
	await db.schema.dropIndex('certificate_user_course').execute();
	await db.schema
		.createIndex('certificate_current_user_course')
		.on('certificate')
		.columns(['user_id', 'course_id'])
		.unique()
		.where(sql.ref('superseded_at'), 'is', null)
		.execute();
	await db.schema
		.createIndex('certificate_supersedes')
		.on('certificate')
		.column('supersedes_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('certificate_supersedes').execute();
	await db.schema.dropIndex('certificate_current_user_course').execute();
	// Fails while reissued certificates exist: going back would lose one of them.
	await db.schema
		.createIndex('certificate_user_course')
		.on('certificate')
		.columns(['user_id', 'course_id'])
		.unique()
		.execute();
	for (const column of [
		'supersedes_id',
		'logo_asset',
		'signature_asset',
		...STATE_COLUMNS,
		...SNAPSHOT_COLUMNS
	]) {
		await db.schema.alterTable('certificate').dropColumn(column).execute();
	}
	await db.schema.dropTable('certificate_asset').execute();
}
