import pg from 'pg';
import {
	CompiledQuery,
	Kysely,
	OperationNodeTransformer,
	PostgresDialect,
	PostgresDriver,
	type DatabaseConnection,
	type DataTypeNode,
	type Driver,
	type KyselyPlugin,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type PostgresDialectConfig,
	type PrimitiveValueListNode,
	type QueryResult,
	type RootOperationNode,
	type TransactionSettings,
	type UnknownRow,
	type ValueNode
} from 'kysely';
import { logger } from '../log';
import type { DB } from './schema';

/**
 * The same rows on PostgreSQL as on SQLite: `count(*)`, `sum()` and bigint columns come back from
 * `pg` as strings unless told otherwise. Every value the app stores in them (counts, millisecond
 * times) is far below 2^53, so they are read as numbers; so is `numeric` (what `avg()` returns).
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/**
 * Migrations are written once, with SQLite's column types. On PostgreSQL `integer` becomes
 * `bigint` (millisecond timestamps do not fit 32 bits), `real` becomes `double precision` (a CE
 * hour of 1.1 stays 1.1) and `blob` becomes `bytea`. Everything else (`text`, defaults, checks,
 * partial indexes) means the same on both.
 */
const POSTGRES_TYPES: Partial<Record<string, DataTypeNode['dataType']>> = {
	integer: 'bigint',
	real: 'double precision',
	blob: 'bytea'
};

/**
 * PostgreSQL text cannot hold U+0000 and refuses a query that sends one, which would turn a
 * visitor's `%00` in a code or search into a server error. SQLite matches it against nothing;
 * here it is sent as U+FFFD, which matches nothing either (the app's forms refuse control
 * characters before anything is stored).
 */
const withoutNul = (value: unknown) =>
	typeof value === 'string' && value.includes('\u0000')
		? value.replaceAll('\u0000', '\uFFFD')
		: value;

class PortableTypes extends OperationNodeTransformer {
	protected override transformDataType(node: DataTypeNode): DataTypeNode {
		const mapped = POSTGRES_TYPES[node.dataType];
		return mapped ? { ...node, dataType: mapped } : node;
	}
	protected override transformValue(node: ValueNode): ValueNode {
		const value = withoutNul(node.value);
		return value === node.value ? node : { ...node, value };
	}
	protected override transformPrimitiveValueList(
		node: PrimitiveValueListNode
	): PrimitiveValueListNode {
		return node.values.some((v) => withoutNul(v) !== v)
			? { ...node, values: node.values.map(withoutNul) }
			: node;
	}
}

export class PortableTypesPlugin implements KyselyPlugin {
	readonly #transformer = new PortableTypes();
	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return this.#transformer.transformNode(args.node, args.queryId);
	}
	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return args.result;
	}
}

/**
 * Any number: the key of the app's transaction lock (pg_advisory_xact_lock takes a bigint). It
 * only has to differ from other applications' keys on the same database server.
 */
const TRANSACTION_LOCK_KEY = 7_305_118_624;

/**
 * SQLite runs one write transaction at a time (the app begins them IMMEDIATE), and the code that
 * reads then writes inside a transaction (rate-limit buckets, quiz submissions, recovery codes)
 * relies on that. On PostgreSQL each transaction takes one shared advisory lock first, held until
 * it commits or rolls back: the same guarantee, across every instance on the database, with no
 * serialization failures to retry. Statements outside a transaction run concurrently.
 */
class SerialPostgresDriver extends PostgresDriver {
	override async beginTransaction(
		connection: DatabaseConnection,
		settings: TransactionSettings
	): Promise<void> {
		await super.beginTransaction(connection, settings);
		await connection.executeQuery(
			CompiledQuery.raw(`select pg_advisory_xact_lock(${TRANSACTION_LOCK_KEY})`)
		);
	}
}

class SerialPostgresDialect extends PostgresDialect {
	readonly #config: PostgresDialectConfig;
	constructor(config: PostgresDialectConfig) {
		super(config);
		this.#config = config;
	}
	override createDriver(): Driver {
		return new SerialPostgresDriver(this.#config);
	}
}

export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//i.test(url);
}

export interface PostgresOptions {
	/** Connections in this process's pool (default `DATABASE_POOL_SIZE`, else 10). */
	max?: number;
	/** Tables live in this schema instead of `public` (the specs use one per test). */
	schema?: string;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<DB> {
	const max = options.max ?? (Number(process.env.DATABASE_POOL_SIZE) || 10);
	const pool = new pg.Pool({
		connectionString: url,
		max,
		// A server that does not answer fails the request (and /healthz) instead of hanging it.
		connectionTimeoutMillis: 5000,
		...(options.schema ? { options: `-c search_path=${options.schema}` } : {})
	});
	// An idle connection that the server drops (restart, failover) must not crash the process;
	// the pool replaces it and the next query reports any lasting problem.
	pool.on('error', (error) => logger.warn({ err: error }, 'PostgreSQL connection lost'));
	return new Kysely<DB>({
		dialect: new SerialPostgresDialect({ pool }),
		plugins: [new PortableTypesPlugin()]
	});
}
