import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { PASSWORD, shippedQuizzes, uniqueEmail } from './support';

// A server of its own (not Playwright's webServer), so that this test can kill it.
const port = Number(process.env.E2E_PORT ?? 4310) + 50;
const origin = `http://localhost:${port}`;
const quiz = shippedQuizzes()[0]!;
const STUDENTS = 24;

function startServer(databaseUrl: string): ChildProcess {
	return spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			DATABASE_URL: databaseUrl,
			// Each simulated student comes from an address of their own, as real ones do: the
			// per-address registration limit is not what this test is about.
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		},
		stdio: 'ignore'
	});
}

/** Waits for the server to answer: starting, or recovering after SIGKILL, is slow on a busy machine. */
async function waitForHealth() {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`${origin}/healthz`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('the server did not become healthy');
}

/** A form post as a browser sends it: same-origin, url-encoded, redirects left to the caller. */
let lastAddress = 0;

function post(path: string, fields: [string, string][], cookie?: string) {
	return fetch(`${origin}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': `10.77.${Math.floor(++lastAddress / 250)}.${lastAddress % 250}`,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields).toString()
	});
}

/** A tag's attributes: name="value" pairs, and bare ones (checked, selected) as ''. */
function attributes(tag: string): Record<string, string> {
	return Object.fromEntries(
		[...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, m[2] ?? ''])
	);
}

/**
 * A complete answer to the quiz form in the page's HTML, whatever its question types, as a
 * browser would send it: the first choice of each radio group and set of checkboxes, a number in
 * each text box (a valid numeric and short-text answer alike), hidden fields as they are, and in
 * each question's select menus a different choice per menu (a matching, or the positions of an
 * ordering).
 */
function completeAnswers(html: string): { fields: [string, string][]; questions: number } {
	const form = /<form[^>]*>(?:(?!<\/form>)[\s\S])*?name="attempt"[\s\S]*?<\/form>/.exec(html)?.[0];
	if (!form) throw new Error('no quiz form on the page');
	// The questions this attempt shows (a pool shows only those drawn for it).
	const questions = form.match(/<fieldset class="question\b/g)?.length ?? 0;
	const fields: [string, string][] = [];
	const chosen = new Set<string>();
	const menus = new Map<string, number>();
	for (const control of form.matchAll(/<(input|select)\b([^>]*)>/g)) {
		const [, tag, body] = control;
		const { name, type, value = '' } = attributes(body!);
		if (!name) continue;
		if (tag === 'select') {
			const menu = form.slice(control.index, form.indexOf('</select>', control.index));
			const options = [...menu.matchAll(/<option\b([^>]*)>/g)]
				.map((m) => attributes(m[1]!).value ?? '')
				.filter((v) => v !== '');
			// q3-1, q3-2…: the menus of one question take its choices in turn.
			const question = name.replace(/-\d+$/, '');
			const index = menus.get(question) ?? 0;
			menus.set(question, index + 1);
			fields.push([name, options[index % options.length]!]);
		} else if (type === 'radio' || type === 'checkbox') {
			if (!chosen.has(name)) fields.push([name, value]);
			chosen.add(name);
		} else if (type === 'text') {
			fields.push([name, '1']);
		} else {
			fields.push([name, value]);
		}
	}
	return { fields, questions };
}

/** A student who is enrolled and has the quiz open, ready to submit one attempt. */
async function preparedSubmission() {
	const registered = await post('/register', [
		['name', 'Durable Student'],
		['email', uniqueEmail('durable')],
		['password', PASSWORD]
	]);
	const cookie = registered.headers.get('set-cookie')!.split(';')[0]!;
	await post(`/courses/${quiz.courseId}?/enroll`, [], cookie);
	const html = await (await fetch(`${origin}${quiz.path}`, { headers: { cookie } })).text();
	const { fields, questions } = completeAnswers(html);
	const attemptId = fields.find(([name]) => name === 'attempt')?.[1];
	expect(attemptId).toBeTruthy();
	// An answer to every question shown, q1 to qN.
	const answered = new Set(fields.map(([name]) => /^q(\d+)/.exec(name)?.[1]).filter(Boolean));
	expect(questions).toBeGreaterThan(0);
	expect([...answered].sort()).toEqual(
		Array.from({ length: questions }, (_, i) => String(i + 1)).sort()
	);
	return { attemptId: attemptId!, submit: () => post(`${quiz.path}?/submit`, fields, cookie) };
}

test('no acknowledged quiz submission is lost when the server is killed mid-flight', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'mmpa-durability-'));
	const databaseUrl = join(dir, 'academy.db');
	let server = startServer(databaseUrl);
	try {
		await waitForHealth();
		const prepared = [];
		for (let i = 0; i < STUDENTS; i++) prepared.push(await preparedSubmission());

		// Everything at once; kill the server once a third of the answers have come back.
		const acknowledged: string[] = [];
		let killed = false;
		await Promise.allSettled(
			prepared.map(async ({ attemptId, submit }) => {
				const response = await submit();
				if (response.status === 303) acknowledged.push(attemptId);
				if (!killed && acknowledged.length >= STUDENTS / 3) {
					killed = true;
					server.kill('SIGKILL');
				}
			})
		);
		expect(killed).toBe(true);
		expect(acknowledged.length).toBeGreaterThan(0);

		server = startServer(databaseUrl);
		await waitForHealth();

		const db = new Database(databaseUrl, { readonly: true });
		try {
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			const stored = db
				.prepare('select id from quiz_attempt where submitted_at is not null')
				.pluck()
				.all() as string[];
			console.log(
				`sent ${STUDENTS}, acknowledged ${acknowledged.length}, stored ${stored.length} after SIGKILL`
			);
			// Every answer the student was told was saved is there; nothing appears that was not sent.
			expect(stored).toEqual(expect.arrayContaining(acknowledged));
			expect(stored.length).toBeLessThanOrEqual(STUDENTS);
			// A stored attempt is whole: responses exist only for submitted attempts, and all of them.
			const orphans = db
				.prepare(
					`select count(*) from quiz_response r join quiz_attempt a on a.id = r.attempt_id
					 where a.submitted_at is null`
				)
				.pluck()
				.get();
			expect(orphans).toBe(0);
			const incomplete = db
				.prepare(
					`select count(*) from quiz_attempt a where a.submitted_at is not null and
					 a.question_count != (select count(*) from quiz_response r where r.attempt_id = a.id)`
				)
				.pluck()
				.get();
			expect(incomplete).toBe(0);
		} finally {
			db.close();
		}
	} finally {
		server.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});
