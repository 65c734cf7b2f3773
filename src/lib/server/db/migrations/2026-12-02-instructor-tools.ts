import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change to the schema is a new, later-dated migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const STAT_KEY = ['course_id', 'quiz_id', 'quiz_version'] as const;

export async function up(db: Db): Promise<void> {
	// Deactivated accounts cannot sign in; their CE records stay exactly as they were.
	await db.schema.alterTable('user').addColumn('deactivated_at', 'text').execute();

	// Who may enrol in a course and when. No row means open, with no window.
	await db.schema
		.createTable('enrollment_policy')
		.addColumn('course_id', 'text', (c) => c.primaryKey())
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('open', 'code', 'assigned')`))
		// Calendar dates (YYYY-MM-DD) in the organisation's time zone, both days included.
		.addColumn('opens_on', 'text')
		.addColumn('closes_on', 'text')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text')
		.execute();

	await db.schema
		.createTable('enrollment_code')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('label', 'text')
		.addColumn('max_uses', 'integer')
		// Counted with a guarded UPDATE, so two students can never both take the last use.
		.addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
		// The last day the code works, in the organisation's time zone.
		.addColumn('expires_on', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text')
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema
		.createIndex('enrollment_code_course')
		.on('enrollment_code')
		.columns(['course_id', 'created_at'])
		.execute();

	// How each enrolment came about: 'open', 'code' (with the code) or 'admin'; null before this.
	await db.schema.alterTable('enrollment').addColumn('via', 'text').execute();
	await db.schema.alterTable('enrollment').addColumn('code_id', 'text').execute();

	// Completions reported to CE Broker, in batches; one report per student and course, so a
	// reissued certificate is not reported twice.
	await db.schema
		.createTable('ce_report_batch')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('reported_at', 'text', (c) => c.notNull())
		.addColumn('reported_by', 'text')
		.addColumn('filter', 'text', (c) => c.notNull())
		.addColumn('completions', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('ce_report')
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('certificate_id', 'text', (c) => c.notNull())
		.addColumn('batch_id', 'text', (c) => c.notNull().references('ce_report_batch.id'))
		.addPrimaryKeyConstraint('ce_report_pk', ['user_id', 'course_id'])
		.execute();
	await db.schema.createIndex('ce_report_batch_id').on('ce_report').column('batch_id').execute();

	// Question statistics, kept up to date on every submission as sums from which the facility
	// and the point-biserial follow (see quiz/statistics.ts): reading them costs one row per
	// question however many attempts there are.
	await db.schema
		.createTable('quiz_item_stat')
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('quiz_version', 'text', (c) => c.notNull())
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('responses', 'integer', (c) => c.notNull())
		.addColumn('correct', 'integer', (c) => c.notNull())
		// Sums over the attempts that answered the question of their total (questions right),
		// of its square, and of the total where this question was right.
		.addColumn('sum_total', 'integer', (c) => c.notNull())
		.addColumn('sum_total_sq', 'integer', (c) => c.notNull())
		.addColumn('sum_total_correct', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('quiz_item_stat_pk', [...STAT_KEY, 'question_id'])
		.execute();
	await db.schema
		.createTable('quiz_choice_stat')
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('quiz_version', 'text', (c) => c.notNull())
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('choice_id', 'text', (c) => c.notNull())
		.addColumn('chosen', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('quiz_choice_stat_pk', [...STAT_KEY, 'question_id', 'choice_id'])
		.execute();
	await db.schema
		.createTable('quiz_score_stat')
		.addColumn('course_id', 'text', (c) => c.notNull())
		.addColumn('quiz_id', 'text', (c) => c.notNull())
		.addColumn('quiz_version', 'text', (c) => c.notNull())
		.addColumn('score', 'integer', (c) => c.notNull())
		.addColumn('passed', 'integer', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('quiz_score_stat_pk', [...STAT_KEY, 'score', 'passed'])
		.execute();

	// Rosters and exports read one course at a time.
	await db.schema.createIndex('enrollment_course').on('enrollment').column('course_id').execute();
	await db.schema
		.createIndex('lesson_progress_course')
		.on('lesson_progress')
		.columns(['course_id', 'user_id', 'completed_at'])
		.execute();
	// Covers the roster's best score and attempt count per student and quiz.
	await db.schema
		.createIndex('quiz_attempt_course_user')
		.on('quiz_attempt')
		.columns(['course_id', 'user_id', 'quiz_id', 'submitted_at', 'score', 'passed'])
		.execute();
	await db.schema
		.createIndex('quiz_attempt_course_submitted')
		.on('quiz_attempt')
		.columns(['course_id', 'submitted_at'])
		.execute();
	await db.schema
		.createIndex('certificate_course')
		.on('certificate')
		.columns(['course_id', 'completion_date'])
		.execute();
	await db.schema
		.createIndex('certificate_completion_date')
		.on('certificate')
		.column('completion_date')
		.execute();
	await db.schema
		.createIndex('audit_log_action')
		.on('audit_log')
		.columns(['action', 'at'])
		.execute();

	await backfillQuizStatistics(db);
}

/** The statistics of attempts submitted before this migration, read a thousand at a time. */
async function backfillQuizStatistics(db: Db): Promise<void> {
	const items = new Map<string, number[]>();
	const choices = new Map<string, number>();
	const scores = new Map<string, number>();
	const add = <T>(map: Map<string, T>, key: unknown[], update: (old: T | undefined) => T) => {
		const k = JSON.stringify(key);
		map.set(k, update(map.get(k)));
	};
	let after = '';
	for (;;) {
		const attempts: {
			id: string;
			course_id: string;
			quiz_id: string;
			quiz_version: string;
			correct_count: number;
			score: number;
			passed: number;
		}[] = await db
			.selectFrom('quiz_attempt')
			.select(['id', 'course_id', 'quiz_id', 'quiz_version', 'correct_count', 'score', 'passed'])
			.where('submitted_at', 'is not', null)
			.where('id', '>', after)
			.orderBy('id')
			.limit(1000)
			.execute();
		if (attempts.length === 0) break;
		after = attempts.at(-1)!.id;
		const responses: {
			attempt_id: string;
			question_id: string;
			selected: string;
			correct: number;
		}[] = await db
			.selectFrom('quiz_response')
			.select(['attempt_id', 'question_id', 'selected', 'correct'])
			.where(
				'attempt_id',
				'in',
				attempts.map((a) => a.id)
			)
			.execute();
		const byId = new Map(attempts.map((a) => [a.id, a]));
		for (const a of attempts) {
			add(scores, [a.course_id, a.quiz_id, a.quiz_version, a.score, a.passed], (n) => (n ?? 0) + 1);
		}
		for (const r of responses) {
			const a = byId.get(r.attempt_id)!;
			const key = [a.course_id, a.quiz_id, a.quiz_version, r.question_id];
			const t = a.correct_count;
			add(items, key, (s = [0, 0, 0, 0, 0]) => [
				s[0]! + 1,
				s[1]! + r.correct,
				s[2]! + t,
				s[3]! + t * t,
				s[4]! + r.correct * t
			]);
			for (const choice of storedChoices(r.selected)) {
				add(choices, [...key, choice], (n) => (n ?? 0) + 1);
			}
		}
	}
	const rows = <T>(map: Map<string, T>) => [...map].map(([k, v]) => [JSON.parse(k), v] as const);
	for (const [[course_id, quiz_id, quiz_version, question_id], s] of rows(items)) {
		await db
			.insertInto('quiz_item_stat')
			.values({
				course_id,
				quiz_id,
				quiz_version,
				question_id,
				responses: s[0],
				correct: s[1],
				sum_total: s[2],
				sum_total_sq: s[3],
				sum_total_correct: s[4]
			})
			.execute();
	}
	for (const [[course_id, quiz_id, quiz_version, question_id, choice_id], chosen] of rows(
		choices
	)) {
		await db
			.insertInto('quiz_choice_stat')
			.values({ course_id, quiz_id, quiz_version, question_id, choice_id, chosen })
			.execute();
	}
	for (const [[course_id, quiz_id, quiz_version, score, passed], attempts] of rows(scores)) {
		await db
			.insertInto('quiz_score_stat')
			.values({ course_id, quiz_id, quiz_version, score, passed, attempts })
			.execute();
	}
}

/**
 * The listed choices a stored answer picked, as submissions count them: option ids (also the
 * bare arrays of the first attempts), true or false, a hotspot region chosen from the list.
 * A click on a hotspot image is left uncounted here: finding its region needs the quiz's
 * geometry, and the question's facility and discrimination count it all the same.
 */
function storedChoices(selected: string): Set<string> {
	let value: unknown;
	try {
		value = JSON.parse(selected);
	} catch {
		return new Set();
	}
	if (Array.isArray(value)) return new Set(value.filter((c) => typeof c === 'string'));
	if (typeof value !== 'object' || value === null) return new Set();
	const answer = value as {
		type?: unknown;
		optionIds?: unknown;
		value?: unknown;
		regionId?: unknown;
	};
	if ((answer.type === 'single' || answer.type === 'multiple') && Array.isArray(answer.optionIds)) {
		return new Set(answer.optionIds.filter((c) => typeof c === 'string'));
	}
	if (answer.type === 'true-false' && typeof answer.value === 'boolean') {
		return new Set([String(answer.value)]);
	}
	if (answer.type === 'hotspot' && typeof answer.regionId === 'string') {
		return new Set([answer.regionId]);
	}
	return new Set();
}

export async function down(db: Db): Promise<void> {
	for (const index of [
		'audit_log_action',
		'certificate_completion_date',
		'certificate_course',
		'quiz_attempt_course_submitted',
		'quiz_attempt_course_user',
		'lesson_progress_course',
		'enrollment_course'
	]) {
		await db.schema.dropIndex(index).execute();
	}
	for (const table of [
		'quiz_score_stat',
		'quiz_choice_stat',
		'quiz_item_stat',
		'ce_report',
		'ce_report_batch',
		'enrollment_code',
		'enrollment_policy'
	]) {
		await db.schema.dropTable(table).execute();
	}
	await db.schema.alterTable('enrollment').dropColumn('code_id').execute();
	await db.schema.alterTable('enrollment').dropColumn('via').execute();
	await db.schema.alterTable('user').dropColumn('deactivated_at').execute();
}
