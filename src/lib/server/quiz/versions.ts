import type { Database } from '../db';
import { parseStoredDefinition, versionOf, type Quiz } from '../content/catalogue';
import type { QuizDefinition } from '../content/quiz-schema';

/** Stores the quiz's current version, once, when an attempt is started on it. */
export async function saveVersion(db: Database, quiz: Quiz, now = new Date()): Promise<void> {
	await db
		.insertInto('quiz_version')
		.values({
			course_id: quiz.courseId,
			quiz_id: quiz.id,
			version: quiz.version,
			definition: JSON.stringify(quiz.definition),
			created_at: now.toISOString()
		})
		.onConflict((oc) => oc.columns(['course_id', 'quiz_id', 'version']).doNothing())
		.execute();
}

/**
 * The content of one version of a quiz: the current file when it is that version, else the copy
 * stored when an attempt began on it. Undefined for a version never stored (attempts from before
 * versions were kept) or one that no longer reads as a quiz.
 */
export async function definitionFor(
	db: Database,
	quiz: Quiz,
	version: string
): Promise<QuizDefinition | undefined> {
	if (version === quiz.version) return quiz.definition;
	const row = await db
		.selectFrom('quiz_version')
		.select('definition')
		.where('course_id', '=', quiz.courseId)
		.where('quiz_id', '=', quiz.id)
		.where('version', '=', version)
		.executeTakeFirst();
	// A stored copy is trusted only when it hashes to the version it is filed under.
	if (!row || versionOf(row.definition) !== version) return undefined;
	return parseStoredDefinition(row.definition);
}
