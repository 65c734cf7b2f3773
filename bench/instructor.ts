// Times the instructor and admin tools on a seeded database: how long each holds the single
// SQLite connection (and with it the event loop, since better-sqlite3 is synchronous).
// DATABASE_URL=<seeded file> node scripts/run.js bench/instructor.ts
// Seed first with bench/seed.ts (npm run bench does), or point at any copy of a real database.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { listCourses } from '$lib/server/content';
import { csvStream } from '$lib/server/csv';
import { closeDb, getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { courseQuizzes } from '$lib/server/instructor/access';
import { attemptsCsvPages, responsesCsvPages } from '$lib/server/instructor/exports';
import { courseFigures } from '$lib/server/instructor/overview';
import { quizReport } from '$lib/server/instructor/quiz-report';
import { courseRoster, selectRoster } from '$lib/server/instructor/roster';
import { listCompletions } from '$lib/server/reporting/completions';

/**
 * Median and worst of a few runs, in wall time and in this process's CPU time: on a shared
 * machine the wall time includes waiting for a core, the CPU time is what the work itself costs.
 */
async function time(name: string, run: () => Promise<unknown>, times = 7) {
	await run(); // warm the statement cache and the page cache
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < times; i++) {
		const start = performance.now();
		const used = process.cpuUsage();
		await run();
		const { user, system } = process.cpuUsage(used);
		wall.push(performance.now() - start);
		cpu.push((user + system) / 1000);
	}
	const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!.toFixed(1);
	const worst = (v: number[]) => Math.max(...v).toFixed(1);
	console.log(`| ${name} | ${median(wall)} | ${worst(wall)} | ${median(cpu)} |`);
}

/** Streams an export to nowhere and reports the longest the event loop was blocked meanwhile. */
async function stream(name: string, body: ReadableStream<Uint8Array>) {
	const histogram = monitorEventLoopDelay({ resolution: 1 });
	histogram.enable();
	const start = performance.now();
	let bytes = 0;
	for await (const chunk of body) bytes += chunk.byteLength;
	histogram.disable();
	console.log(
		`| ${name}: ${(bytes / 1e6).toFixed(1)} MB in ${(performance.now() - start).toFixed(0)} ms | longest block ${(histogram.max / 1e6).toFixed(1)} ms | | |`
	);
}

export async function main(): Promise<number> {
	const db = getDb();
	const started = performance.now();
	const applied = await migrateToLatest(db);
	if (applied.length) {
		console.log(`migrations ${applied.join(', ')}: ${(performance.now() - started).toFixed(0)} ms`);
	}
	const counts = await db
		.selectFrom('quiz_response')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const course = listCourses()[0]!;
	// The final quiz, which the seed submits to: a pool, so each question has its own attempts.
	const quiz = courseQuizzes(course).find((q) => q.lessonId === null) ?? courseQuizzes(course)[0]!;
	console.log(
		`${counts.n} responses\n\n| what | median ms | worst ms | median CPU ms |\n| --- | ---: | ---: | ---: |`
	);
	await time('/instructor figures (all courses)', () => courseFigures(db, listCourses()));
	await time('roster: load and merge every student', () => courseRoster(db, course));
	await time('roster: furthest behind, filtered and sorted', async () =>
		selectRoster(await courseRoster(db, course), {
			q: '',
			status: 'all',
			sort: 'behind',
			from: undefined,
			to: undefined
		})
	);
	await time('question statistics of a quiz version', () =>
		quizReport(db, course, quiz.id, undefined)
	);
	await time('completions, every date', () =>
		listCompletions(db, { from: undefined, to: undefined, state: '', unreported: false })
	);
	const range = { from: undefined, to: undefined };
	await stream('attempts.csv', csvStream([], attemptsCsvPages(db, course.id, range)));
	await stream('answers.csv', csvStream([], responsesCsvPages(db, course, range)));
	await closeDb();
	return 0;
}
