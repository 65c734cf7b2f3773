// `npm run bench`: builds, seeds a temporary database with realistic volume, starts the built
// server and a plain node:http baseline, and runs each scenario with autocannon at 50 connections.
// Prints requests/s, p50, p99, the server's peak memory and each scenario's ratio to the baseline.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import autocannon from 'autocannon';
import { assetSizer, weighPage, weightTable } from './page-weight.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const APP_PORT = 4400;
const STATIC_PORT = 4401;
const origin = `http://localhost:${APP_PORT}`;

const dir = mkdtempSync(join(tmpdir(), 'mmpa-bench-'));
const databaseUrl = join(dir, 'academy.db');
const fixtureFile = join(dir, 'fixture.json');
const children = [];

function start(args, env = {}) {
	const child = spawn(process.execPath, args, {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	children.push(child);
	return child;
}

async function waitFor(url) {
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${url} did not answer`);
}

/** Resident memory of a process in MB, sampled while a scenario runs. */
function rssMb(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function scenario(name, options, pid) {
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
	const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...options });
	clearInterval(sampler);
	peak = Math.max(peak, rssMb(pid));
	return {
		name,
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		peakMb: peak,
		errors: result.errors + result.timeouts + (options.expectStatus ? 0 : result.non2xx),
		mismatches: options.mismatches?.() ?? 0
	};
}

/** Weighs one page of each type in Debian's Chromium, signed in as a seeded student. */
async function pageWeights(fixture, token) {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu']
	});
	try {
		const sizeOf = assetSizer();
		const results = [];
		const visit = async (context, name, path) => {
			const page = await context.newPage();
			results.push(await weighPage(page, { name, path }, sizeOf));
			await page.close();
		};
		const anonymous = await browser.newContext({ baseURL: origin });
		await visit(anonymous, 'home (signed out)', '/');
		await visit(anonymous, 'catalogue (signed out)', '/courses');
		await visit(anonymous, 'course page (signed out)', fixture.coursePath);
		await visit(anonymous, 'sign-in', '/login');
		await visit(anonymous, 'verification', `/certificates/${fixture.certificates[0].code}`);
		const student = await browser.newContext({ baseURL: origin });
		await student.addCookies([{ name: 'session', value: token, url: origin }]);
		await visit(student, 'dashboard', '/dashboard');
		for (const path of fixture.lessonPaths) await visit(student, `lesson ${path}`, path);
		await visit(student, 'final quiz', fixture.quizPath);
		await visit(student, 'account', '/account');
		return results;
	} finally {
		await browser.close();
	}
}

/** Hands each request the next item of a list, round robin. */
function roundRobin(items) {
	let next = 0;
	return () => items[next++ % items.length];
}

try {
	console.log(`Seeding ${databaseUrl} …`);
	const seeded = spawnSync(process.execPath, ['scripts/run.js', 'bench/seed.ts', fixtureFile], {
		env: { ...process.env, DATABASE_URL: databaseUrl },
		stdio: 'inherit'
	});
	if (seeded.status !== 0) throw new Error('seeding failed');
	const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8'));

	const app = start(['build/index.js'], {
		PORT: String(APP_PORT),
		ORIGIN: origin,
		DATABASE_URL: databaseUrl
	});
	await waitFor(`${origin}/healthz`);

	// The baseline serves exactly the HTML of a signed-in lesson page.
	const sample = fixture.students[0];
	const lessonHtml = await (
		await fetch(`${origin}${fixture.lessonPath}`, {
			headers: { cookie: `session=${sample.token}` }
		})
	).text();
	if (!lessonHtml.includes(sample.name)) {
		throw new Error('the sample lesson page is not the student’s');
	}
	writeFileSync(join(dir, 'lesson.html'), lessonHtml);
	const baselineServer = start([
		'bench/static-server.js',
		join(dir, 'lesson.html'),
		String(STATIC_PORT)
	]);
	await waitFor(`http://localhost:${STATIC_PORT}/`);

	const results = [];
	results.push(
		await scenario(
			'static baseline (node:http)',
			{ url: `http://localhost:${STATIC_PORT}/` },
			baselineServer.pid
		)
	);

	results.push(await scenario('anonymous catalogue', { url: `${origin}/courses` }, app.pid));

	const lessonPage = () => {
		const nextStudent = roundRobin(fixture.students);
		let wrongPages = 0;
		return {
			url: origin,
			requests: [
				{
					setupRequest(request, context) {
						context.student = nextStudent();
						return {
							...request,
							path: fixture.lessonPath,
							headers: { ...request.headers, cookie: `session=${context.student.token}` }
						};
					},
					onResponse(status, body, context) {
						// Each virtual user must get their own page, not someone else's or a login.
						if (status !== 200 || !body.includes(context.student.name)) wrongPages++;
					}
				}
			],
			mismatches: () => wrongPages
		};
	};
	results.push(await scenario('signed-in lesson page', lessonPage(), app.pid));

	const nextSubmission = roundRobin(fixture.submissions);
	let failedSubmissions = 0;
	results.push(
		await scenario(
			'quiz submission',
			{
				url: origin,
				amount: fixture.submissions.length,
				expectStatus: 303,
				requests: [
					{
						method: 'POST',
						setupRequest(request) {
							const submission = nextSubmission();
							return {
								...request,
								path: `${fixture.quizPath}?/submit`,
								headers: {
									...request.headers,
									cookie: `session=${submission.token}`,
									origin,
									accept: 'text/html',
									'content-type': 'application/x-www-form-urlencoded'
								},
								body: new URLSearchParams(submission.fields).toString()
							};
						},
						onResponse(status) {
							if (status !== 303) failedSubmissions++;
						}
					}
				],
				mismatches: () => failedSubmissions
			},
			app.pid
		)
	);

	const nextCertificate = roundRobin(fixture.certificates);
	results.push(
		await scenario(
			'certificate PDF',
			{
				url: origin,
				requests: [
					{
						setupRequest(request) {
							const certificate = nextCertificate();
							return {
								...request,
								path: `/certificates/${certificate.code}/pdf`,
								headers: { ...request.headers, cookie: `session=${certificate.token}` }
							};
						}
					}
				]
			},
			app.pid
		)
	);

	const nextCode = roundRobin(fixture.certificates);
	results.push(
		await scenario(
			'verification page',
			{
				url: origin,
				requests: [
					{
						setupRequest(request) {
							return { ...request, path: `/certificates/${nextCode().code}` };
						}
					}
				]
			},
			app.pid
		)
	);

	// The instructor's pages: each must be the instructor's own (their name in the header).
	const instructorPage = (path) => {
		let wrongPages = 0;
		return {
			url: `${origin}${path}`,
			headers: { cookie: `session=${fixture.instructor.token}` },
			requests: [
				{
					onResponse(status, body) {
						if (status !== 200 || !body.includes(fixture.instructor.name)) wrongPages++;
					}
				}
			],
			mismatches: () => wrongPages
		};
	};
	results.push(
		await scenario(
			'instructor roster (2,000 students)',
			instructorPage(fixture.instructor.rosterPath),
			app.pid
		)
	);
	results.push(
		await scenario(
			'question statistics (final quiz)',
			instructorPage(fixture.instructor.statisticsPath),
			app.pid
		)
	);
	// Students read lessons while two instructors keep reloading the roster and the statistics:
	// the lesson page's p99 here, against its own above, shows whether the heavy pages stall others.
	const [busy] = await Promise.all([
		scenario('signed-in lesson page, instructors busy', lessonPage(), app.pid),
		autocannon({
			...instructorPage(fixture.instructor.rosterPath),
			connections: 1,
			duration: DURATION
		}),
		autocannon({
			...instructorPage(fixture.instructor.statisticsPath),
			connections: 1,
			duration: DURATION
		})
	]);
	results.push(busy);

	const baseline = results[0].rps;
	console.log(
		`\n${new Date().toISOString().slice(0, 10)} · ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} · ` +
			`${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.versions.node} · ` +
			`${CONNECTIONS} connections, ${DURATION} s each\n`
	);
	console.log(
		'| scenario | requests/s | p50 ms | p99 ms | server peak MB | vs baseline | errors |'
	);
	console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
	for (const r of results) {
		console.log(
			`| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${Math.round(r.peakMb)} | ` +
				`${(r.rps / baseline).toFixed(3)} | ${r.errors + r.mismatches} |`
		);
	}

	console.log('\nPage weight: what a first visit loads to show and hydrate each page type\n');
	console.log(weightTable(await pageWeights(fixture, sample.token)));
} finally {
	for (const child of children) child.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
}
