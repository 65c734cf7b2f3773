import { closeDb } from './db';
import { logger } from './log';

let registered = false;

/**
 * adapter-node stops accepting connections on SIGTERM/SIGINT, lets in-flight requests finish
 * (up to SHUTDOWN_TIMEOUT), then emits `sveltekit:shutdown`: only then is the database closed, so
 * no request loses its connection midway and SQLite checkpoints its WAL into the main file.
 */
export function closeDatabaseOnShutdown(): void {
	if (registered) return;
	registered = true;
	process.once('sveltekit:shutdown', () => {
		closeDb().then(
			() => logger.info('Database closed'),
			(error: unknown) => logger.error({ err: error }, 'Closing the database failed')
		);
	});
}
