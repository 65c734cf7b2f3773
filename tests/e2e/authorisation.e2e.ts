import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	expect,
	request as requests,
	test,
	type APIRequestContext,
	type APIResponse,
	type BrowserContext
} from '@playwright/test';
import { BASE_URL, createStaff, postForm, query, signInStaffFirstTime, userRow } from './accounts';
import { finishCourse, firstLessonId, register, questionsOf, shippedQuizzes } from './support';

// The authorisation matrix. Every page, endpoint and form action found in src/routes must be
// classified below with the answer each kind of visitor gets; a route added without a row here
// fails the first test.

const PERSONAS = [
	'anonymous',
	'studentA',
	'studentB',
	'instructorOf',
	'instructorOther',
	'admin'
] as const;
type Persona = (typeof PERSONAS)[number];

/** 'login': 303 to /login; 'away': 303 elsewhere; a number: that status. */
type Outcome = number | 'login' | 'away';
type Row = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

interface Fixture {
	courseId: string;
	lessonId: string;
	/** The page of a lesson with a quiz, and of the course's final quiz. */
	lessonQuizPath: string;
	finalQuizPath: string;
	/** The final quiz's id: its statistics page is the instructor's. */
	finalQuizId: string;
	certificateCode: string;
	/** B's passed attempt at each of those quizzes: an attempt belongs to one quiz only. */
	lessonAttemptOfB: string;
	finalAttemptOfB: string;
	userIdOfA: string;
	signingKeyId: string;
	userIdOfB: string;
}

interface Check {
	method: 'GET' | 'POST';
	path: (f: Fixture) => string;
	form?: (f: Fixture, who: Persona) => Record<string, string>;
	expect: Row;
}

const all = (o: Outcome): Row => [o, o, o, o, o, o];
const signedIn = (anonymous: Outcome, o: Outcome): Row => [anonymous, o, o, o, o, o];
/** The instructor tools of one course: its instructors and admins only. */
const courseStaff: Row = ['login', 403, 403, 200, 403, 200];
const adminOnly = (o: Outcome): Row => ['login', 403, 403, 403, 403, o];
const WRONG = 'not the right password at all';

// In the order they run: reads first, state-changing actions after, signing out last.
const MATRIX: Record<string, Check> = {
	'GET /': { method: 'GET', path: () => '/', expect: all(200) },
	'GET /courses': { method: 'GET', path: () => '/courses', expect: all(200) },
	'GET /courses/[course]': {
		method: 'GET',
		path: (f) => `/courses/${f.courseId}`,
		expect: all(200)
	},
	'GET /courses/[course]/[lesson]': {
		method: 'GET',
		path: (f) => `/courses/${f.courseId}/${f.lessonId}`,
		expect: ['login', 200, 200, 200, 'away', 200]
	},
	'GET /courses/[course]/final-quiz': {
		method: 'GET',
		path: (f) => f.finalQuizPath,
		// As a lesson: for the enrolled, finished or not, and the course's staff previewing it; an
		// instructor of another course is sent to the course page.
		expect: ['login', 200, 200, 200, 'away', 200]
	},
	'GET /courses/[course]/evaluation': {
		method: 'GET',
		path: (f) => `/courses/${f.courseId}/evaluation`,
		// As a lesson: the enrolled (B's finished evaluation is shown as kept) and the course's staff
		// previewing it.
		expect: ['login', 200, 200, 200, 'away', 200]
	},
	'GET /dashboard': { method: 'GET', path: () => '/dashboard', expect: signedIn('login', 200) },
	'GET /review': { method: 'GET', path: () => '/review', expect: signedIn('login', 200) },
	'GET /account': { method: 'GET', path: () => '/account', expect: signedIn('login', 200) },
	'GET /account/two-factor': {
		method: 'GET',
		path: () => '/account/two-factor',
		expect: signedIn('login', 200)
	},
	'GET /account/data': {
		method: 'GET',
		path: () => '/account/data',
		expect: signedIn('login', 200)
	},
	'GET /admin': { method: 'GET', path: () => '/admin', expect: ['login', 403, 403, 403, 403, 200] },
	'GET /login': { method: 'GET', path: () => '/login', expect: signedIn(200, 'away') },
	'GET /login/two-factor': {
		method: 'GET',
		path: () => '/login/two-factor',
		expect: signedIn('login', 'away')
	},
	'GET /register': { method: 'GET', path: () => '/register', expect: signedIn(200, 'away') },
	'GET /logout': { method: 'GET', path: () => '/logout', expect: all('away') },
	'GET /reset-password': { method: 'GET', path: () => '/reset-password', expect: all(200) },
	'GET /certificates/[code]': {
		method: 'GET',
		path: (f) => `/certificates/${f.certificateCode}`,
		expect: all(200)
	},
	'GET /certificates/[code]/pdf': {
		method: 'GET',
		path: (f) => `/certificates/${f.certificateCode}/pdf`,
		expect: ['login', 404, 200, 200, 404, 200]
	},
	'GET /certificates/[code]/credential': {
		method: 'GET',
		path: (f) => `/certificates/${f.certificateCode}/credential`,
		expect: ['login', 404, 200, 200, 404, 200]
	},
	'GET /transcript': { method: 'GET', path: () => '/transcript', expect: signedIn('login', 200) },
	'GET /admin/certificates': {
		method: 'GET',
		path: () => '/admin/certificates',
		expect: ['login', 403, 403, 403, 403, 200]
	},
	'GET /admin/certificates/[code]': {
		method: 'GET',
		path: (f) => `/admin/certificates/${f.certificateCode}`,
		expect: ['login', 403, 403, 403, 403, 200]
	},
	'GET /issuer': { method: 'GET', path: () => '/issuer', expect: all(200) },
	'GET /issuer/keys/[kid]': {
		method: 'GET',
		path: (f) => `/issuer/keys/${f.signingKeyId}`,
		expect: all(200)
	},
	'GET /.well-known/jwks.json': {
		method: 'GET',
		path: () => '/.well-known/jwks.json',
		expect: all(200)
	},
	'GET /healthz': { method: 'GET', path: () => '/healthz', expect: all(200) },
	'GET /instructor': {
		method: 'GET',
		path: () => '/instructor',
		// An instructor of other courses sees their own (here: none).
		expect: ['login', 403, 403, 200, 200, 200]
	},
	'GET /instructor/courses/[course]': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}`,
		expect: courseStaff
	},
	'GET /instructor/courses/[course]/students/[student]': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}/students/${f.userIdOfB}`,
		expect: courseStaff
	},
	'GET /instructor/courses/[course]/quizzes/[quiz]': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}/quizzes/${f.finalQuizId}`,
		expect: courseStaff
	},
	'GET /instructor/courses/[course]/exports': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}/exports`,
		expect: courseStaff
	},
	'GET /instructor/courses/[course]/exports/roster.csv': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}/exports/roster.csv`,
		expect: courseStaff
	},
	'GET /instructor/courses/[course]/exports/completions.csv': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}/exports/completions.csv`,
		expect: courseStaff
	},
	'GET /instructor/courses/[course]/exports/attempts.csv': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}/exports/attempts.csv`,
		expect: courseStaff
	},
	'GET /instructor/courses/[course]/exports/responses.csv': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}/exports/responses.csv`,
		expect: courseStaff
	},
	'GET /instructor/courses/[course]/exports/evaluations.csv': {
		method: 'GET',
		path: (f) => `/instructor/courses/${f.courseId}/exports/evaluations.csv`,
		expect: courseStaff
	},
	'GET /admin/users/[user]': {
		method: 'GET',
		path: (f) => `/admin/users/${f.userIdOfA}`,
		expect: adminOnly(200)
	},
	'GET /admin/enrolment': { method: 'GET', path: () => '/admin/enrolment', expect: adminOnly(200) },
	'GET /admin/reporting': { method: 'GET', path: () => '/admin/reporting', expect: adminOnly(200) },
	'GET /admin/reporting/completions.csv': {
		method: 'GET',
		path: () => '/admin/reporting/completions.csv?format=cebroker',
		expect: adminOnly(200)
	},
	'GET /admin/audit': { method: 'GET', path: () => '/admin/audit', expect: adminOnly(200) },

	'POST /courses/[course]/[lesson]?/submit': {
		method: 'POST',
		path: (f) => `${f.lessonQuizPath}?/submit`,
		// B's own attempt at this quiz: only B gets it back (its review, unchanged); A cannot
		// submit or see it; staff are not enrolled (and one who does not teach the course is sent
		// to its page).
		form: (f) => ({ attempt: f.lessonAttemptOfB, q1: '1' }),
		expect: ['login', 400, 'away', 403, 'away', 403]
	},
	'POST /courses/[course]/final-quiz?/submit': {
		method: 'POST',
		path: (f) => `${f.finalQuizPath}?/submit`,
		// The same rule as a lesson's quiz, with B's attempt at the final quiz.
		form: (f) => ({ attempt: f.finalAttemptOfB, q1: '1' }),
		expect: ['login', 400, 'away', 403, 'away', 403]
	},
	'POST /courses/[course]/[lesson]?/draft': {
		method: 'POST',
		path: (f) => `${f.lessonQuizPath}?/draft`,
		// A draft of B's submitted attempt: A cannot write into it, and B's is closed (409); staff
		// are not enrolled.
		form: (f) => ({ attempt: f.lessonAttemptOfB, q1: '1' }),
		expect: ['login', 409, 409, 403, 'away', 403]
	},
	'POST /courses/[course]/final-quiz?/draft': {
		method: 'POST',
		path: (f) => `${f.finalQuizPath}?/draft`,
		form: (f) => ({ attempt: f.finalAttemptOfB, q1: '1' }),
		expect: ['login', 409, 409, 403, 'away', 403]
	},
	'POST /courses/[course]/evaluation?/submit': {
		method: 'POST',
		path: (f) => `/courses/${f.courseId}/evaluation?/submit`,
		// No ratings: the enrolled are asked for them; staff do not evaluate.
		form: () => ({ comments: 'Matrix check' }),
		expect: ['login', 400, 400, 403, 'away', 403]
	},
	'POST /courses/[course]/heartbeat': {
		method: 'POST',
		path: (f) => `/courses/${f.courseId}/heartbeat`,
		// Time on task is recorded for enrolled students only.
		form: (f) => ({ lesson: f.lessonId }),
		expect: ['login', 204, 204, 403, 403, 403]
	},
	'POST /review?/answer': {
		method: 'POST',
		path: () => '/review?/answer',
		// A card that is nobody's (cards are looked up with the asker's id, so another student's
		// card is just as unknown: review.spec.ts proves it).
		form: () => ({ card: '00000000-0000-4000-8000-000000000000', q1: '1' }),
		expect: signedIn('login', 400)
	},
	'POST /login?/default': {
		method: 'POST',
		path: () => '/login',
		form: (_, who) => ({ email: `nobody-${who}@example.com`, password: WRONG }),
		// Refused, then the page itself sends the signed-in on.
		expect: signedIn(400, 'away')
	},
	'POST /register?/default': {
		method: 'POST',
		path: () => '/register',
		form: () => ({ name: '', email: 'x@example.com', password: WRONG }),
		expect: signedIn(400, 'away')
	},
	'POST /reset-password?/request': {
		method: 'POST',
		path: () => '/reset-password?/request',
		form: (_, who) => ({ email: `nobody-${who}@example.com` }),
		expect: all(200)
	},
	'POST /reset-password?/reset': {
		method: 'POST',
		path: () => '/reset-password?/reset',
		form: () => ({ token: 'forged-token', password: 'a perfectly fine passphrase' }),
		expect: all(400)
	},
	'POST /login/two-factor?/code': {
		method: 'POST',
		path: () => '/login/two-factor?/code',
		form: () => ({ code: '123456' }),
		expect: signedIn('login', 'away')
	},
	'POST /login/two-factor?/recovery': {
		method: 'POST',
		path: () => '/login/two-factor?/recovery',
		form: () => ({ code: 'AAAA-BBBB-CCCC-DDDD' }),
		expect: signedIn('login', 'away')
	},
	'POST /account/two-factor?/setup': {
		method: 'POST',
		path: () => '/account/two-factor?/setup',
		form: () => ({ code: '000000' }),
		expect: ['login', 400, 400, 409, 409, 409]
	},
	'POST /account/two-factor?/codes': {
		method: 'POST',
		path: () => '/account/two-factor?/codes',
		form: () => ({ password: WRONG }),
		expect: ['login', 409, 409, 400, 400, 400]
	},
	'POST /account/two-factor?/disable': {
		method: 'POST',
		path: () => '/account/two-factor?/disable',
		form: () => ({ password: WRONG }),
		expect: ['login', 409, 409, 403, 403, 403]
	},
	'POST /account?/profile': {
		method: 'POST',
		path: () => '/account?/profile',
		form: () => ({ name: '' }),
		expect: signedIn('login', 400)
	},
	'POST /account?/email': {
		method: 'POST',
		path: () => '/account?/email',
		form: () => ({ email: 'taken@example.com', emailPassword: WRONG }),
		expect: signedIn('login', 400)
	},
	'POST /account?/password': {
		method: 'POST',
		path: () => '/account?/password',
		form: () => ({ currentPassword: WRONG, newPassword: 'a perfectly fine passphrase' }),
		expect: signedIn('login', 400)
	},
	'POST /account?/revoke': {
		method: 'POST',
		path: () => '/account?/revoke',
		// A names B's session; the others one that does not exist. Staff must give the password.
		form: (_, who) => ({
			session: who === 'studentA' ? sessionIdOf('studentB') : 'no-such-session',
			revokePassword: WRONG
		}),
		expect: ['login', 200, 200, 400, 400, 400]
	},
	'POST /account?/revokeOthers': {
		method: 'POST',
		path: () => '/account?/revokeOthers',
		form: () => ({}),
		expect: ['login', 200, 200, 400, 400, 400]
	},
	'POST /account?/erase': {
		method: 'POST',
		path: () => '/account?/erase',
		form: () => ({ erasePassword: WRONG, confirm: 'yes' }),
		expect: signedIn('login', 400)
	},
	'POST /admin?/setRole': {
		method: 'POST',
		path: () => '/admin?/setRole',
		form: (f) => ({ userId: f.userIdOfA, role: 'admin', password: WRONG }),
		expect: ['login', 403, 403, 403, 403, 400]
	},
	'POST /certificates/[code]?/check': {
		method: 'POST',
		path: (f) => `/certificates/${f.certificateCode}?/check`,
		// Anyone may check a credential; this one is not one.
		form: () => ({ credential: 'not a credential' }),
		expect: all(400)
	},
	'POST /admin/certificates/[code]?/reissue': {
		method: 'POST',
		path: (f) => `/admin/certificates/${f.certificateCode}?/reissue`,
		form: () => ({ holderName: '', licenseNumber: '', licenseState: '' }),
		expect: ['login', 403, 403, 403, 403, 400]
	},
	'POST /admin/certificates/[code]?/revoke': {
		method: 'POST',
		path: (f) => `/admin/certificates/${f.certificateCode}?/revoke`,
		form: () => ({ reason: 'Matrix check', password: WRONG }),
		expect: ['login', 403, 403, 403, 403, 400]
	},
	// Each admin action is sent with input it refuses, so the matrix changes nothing.
	'POST /admin/users/[user]?/deactivate': {
		method: 'POST',
		path: (f) => `/admin/users/${f.userIdOfA}?/deactivate`,
		form: () => ({ password: '' }),
		expect: adminOnly(400)
	},
	'POST /admin/users/[user]?/reactivate': {
		method: 'POST',
		path: (f) => `/admin/users/${f.userIdOfA}?/reactivate`,
		form: () => ({ password: '' }),
		expect: adminOnly(400)
	},
	'POST /admin/users/[user]?/assign': {
		method: 'POST',
		path: (f) => `/admin/users/${f.userIdOfA}?/assign`,
		form: () => ({ courseId: 'no-such-course' }),
		expect: adminOnly(400)
	},
	'POST /admin/users/[user]?/unassign': {
		method: 'POST',
		path: (f) => `/admin/users/${f.userIdOfA}?/unassign`,
		form: () => ({ courseId: '' }),
		expect: adminOnly(400)
	},
	'POST /admin/enrolment?/policy': {
		method: 'POST',
		path: () => '/admin/enrolment?/policy',
		form: (f) => ({ courseId: f.courseId, mode: 'closed-to-all' }),
		expect: adminOnly(400)
	},
	'POST /admin/enrolment?/codes': {
		method: 'POST',
		path: () => '/admin/enrolment?/codes',
		form: (f) => ({ courseId: f.courseId, count: 'many' }),
		expect: adminOnly(400)
	},
	'POST /admin/enrolment?/revoke': {
		method: 'POST',
		path: () => '/admin/enrolment?/revoke',
		form: () => ({ codeId: 'no-such-code' }),
		expect: adminOnly(400)
	},
	'POST /admin/enrolment?/assign': {
		method: 'POST',
		path: () => '/admin/enrolment?/assign',
		form: (f) => ({ email: 'not an address', courseId: f.courseId }),
		expect: adminOnly(400)
	},
	'POST /admin/reporting?/markReported': {
		method: 'POST',
		path: () => '/admin/reporting?/markReported',
		form: () => ({ from: '2026-02-31', to: '', state: 'FL', asOf: new Date().toISOString() }),
		expect: adminOnly(400)
	},
	'POST /courses/[course]?/enroll': {
		method: 'POST',
		path: (f) => `/courses/${f.courseId}?/enroll`,
		form: () => ({}),
		expect: signedIn('login', 'away')
	},
	'POST /logout?/default': {
		method: 'POST',
		path: () => '/logout',
		form: () => ({}),
		expect: all('away')
	}
};

/** Every page and endpoint (with its methods) and every form action under src/routes. */
function routeTree(dir = 'src/routes', id = ''): string[] {
	const here = id === '' ? '/' : id;
	const found: string[] = [];
	const files = readdirSync(dir, { withFileTypes: true });
	for (const file of files) {
		const path = join(dir, file.name);
		if (file.isDirectory()) {
			const segment = /^\(.*\)$/.test(file.name) ? '' : `/${file.name}`;
			found.push(...routeTree(path, id + segment));
		} else if (file.name === '+page.svelte' || file.name === '+page.server.ts') {
			if (!found.includes(`GET ${here}`)) found.push(`GET ${here}`);
		} else if (file.name === '+server.ts') {
			const methods = readFileSync(path, 'utf8').matchAll(
				/export const (GET|POST|PUT|PATCH|DELETE)\b/g
			);
			for (const [, method] of methods) found.push(`${method} ${here}`);
		}
		if (file.name === '+page.server.ts') {
			const source = readFileSync(path, 'utf8');
			const block = /export const actions[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
			for (const [, action] of block.matchAll(/^\t(\w+): /gm)) {
				found.push(`POST ${here}?/${action}`);
			}
		}
	}
	return found.sort();
}

test('every route and form action is classified in the matrix', () => {
	expect(existsSync('src/routes')).toBe(true);
	expect(routeTree()).toEqual(Object.keys(MATRIX).sort());
});

// The personas and what they own, made once for the matrix below.
const contexts = new Map<Persona, APIRequestContext>();
const browserContexts: BrowserContext[] = [];
const cookies = new Map<Persona, string>();
let fixture: Fixture;
let emailOfA = '';
let emailOfB = '';

function sessionIdOf(who: Persona): string {
	const token = cookies.get(who);
	if (!token) throw new Error(`${who} has no session`);
	return createHash('sha256').update(token).digest('hex');
}

// A course with a final quiz and a lesson quiz, so that each submit route is tried on its own page.
const finalQuiz = shippedQuizzes().find((q) => q.lessonId === null)!;
const lessonQuiz = shippedQuizzes().find(
	(q) => q.courseId === finalQuiz.courseId && q.lessonId !== null
)!;
const courseId = finalQuiz.courseId;

test.describe('the authorisation matrix', () => {
	test.describe.configure({ mode: 'serial', timeout: 240_000 });

	test.beforeAll(async ({ browser }) => {
		// Six personas, three of them staff through their first sign-in with two-factor set-up, one
		// student through a whole course (evaluation included): minutes on a loaded two-core machine.
		test.setTimeout(360_000);
		const ip = (who: Persona) => `10.3.0.${PERSONAS.indexOf(who) + 1}`;
		const open = async (who: Persona) => {
			const context = await browser.newContext({
				baseURL: BASE_URL,
				extraHTTPHeaders: { 'x-forwarded-for': ip(who) }
			});
			browserContexts.push(context);
			return { context, page: await context.newPage() };
		};
		contexts.set(
			'anonymous',
			await requests.newContext({
				baseURL: BASE_URL,
				extraHTTPHeaders: { 'x-forwarded-for': ip('anonymous') }
			})
		);

		const a = await open('studentA');
		emailOfA = await register(a.page, 'Student A');
		await a.page.goto(`/courses/${courseId}`);
		await a.page.getByRole('button', { name: 'Enrol in this course' }).click();
		const b = await open('studentB');
		emailOfB = await register(b.page, 'Student B');
		await finishCourse(b.page, finalQuiz);

		const staff: [Persona, string][] = [
			['instructorOf', createStaff('instructor', 'teaches', [courseId])],
			['instructorOther', createStaff('instructor', 'teaches-other')],
			['admin', createStaff('admin', 'admin')]
		];
		const signedIn: [Persona, BrowserContext][] = [
			['studentA', a.context],
			['studentB', b.context]
		];
		for (const [who, email] of staff) {
			const { context, page } = await open(who);
			await signInStaffFirstTime(page, email);
			signedIn.push([who, context]);
		}
		for (const [who, context] of signedIn) {
			contexts.set(who, context.request);
			cookies.set(who, (await context.cookies()).find((c) => c.name === 'session')!.value);
		}

		const idOfB = userRow(emailOfB)!.id as string;
		const [certificate] = query<{ code: string }>(
			'select code from certificate where user_id = ?',
			idOfB
		);
		const passedAttemptOfB = (quizId: string) =>
			query<{ id: string }>(
				'select id from quiz_attempt where user_id = ? and quiz_id = ? and passed = 1',
				idOfB,
				quizId
			)[0]!.id;
		fixture = {
			courseId,
			lessonId: firstLessonId(courseId),
			lessonQuizPath: lessonQuiz.path,
			finalQuizId: finalQuiz.id,
			finalQuizPath: finalQuiz.path,
			certificateCode: certificate!.code,
			lessonAttemptOfB: passedAttemptOfB(lessonQuiz.id),
			finalAttemptOfB: passedAttemptOfB(finalQuiz.id),
			userIdOfA: userRow(emailOfA)!.id as string,
			userIdOfB: idOfB,
			// The key set names each key by its URL, /issuer/keys/<thumbprint>.
			signingKeyId: (
				(await (await contexts.get('anonymous')!.get('/.well-known/jwks.json')).json()) as {
					keys: { kid: string }[];
				}
			).keys[0]!.kid.split('/').at(-1)!
		};
	});

	test.afterAll(async () => {
		for (const context of browserContexts) await context.close();
		await contexts.get('anonymous')?.dispose();
	});

	function outcomeOf(response: APIResponse): Outcome {
		if (response.status() !== 303) return response.status();
		return response.headers()['location']?.startsWith('/login') ? 'login' : 'away';
	}

	test('each persona gets exactly the answer the matrix says', async () => {
		const mismatches: string[] = [];
		for (const [name, check] of Object.entries(MATRIX)) {
			for (const [index, who] of PERSONAS.entries()) {
				const request = contexts.get(who)!;
				const path = check.path(fixture);
				const response =
					check.method === 'GET'
						? await request.get(path, { maxRedirects: 0, headers: { accept: 'text/html' } })
						: await postForm(request, path, check.form!(fixture, who));
				const got = outcomeOf(response);
				if (got !== check.expect[index]) {
					mismatches.push(`${name} as ${who}: expected ${check.expect[index]}, got ${got}`);
				}
			}
		}
		expect(mismatches).toEqual([]);
	});

	test('student A never reads or changes student B’s records', async () => {
		// The matrix ran A's attempts on B's attempt, session and role; none of them took.
		expect(userRow(emailOfA)!.role).toBe('student');
		const b = await requests.newContext({ baseURL: BASE_URL });
		const replay = await b.get('/dashboard', {
			maxRedirects: 0,
			headers: { cookie: `session=${cookies.get('studentB')}` }
		});
		// B signed out at the end of the matrix: B's old cookie no longer works for anyone.
		expect(replay.status()).toBe(303);
		await b.dispose();

		for (const attempt of [fixture.lessonAttemptOfB, fixture.finalAttemptOfB]) {
			const rows = query<{ user_id: string }>(
				'select user_id from quiz_attempt where id = ?',
				attempt
			);
			expect(rows).toEqual([{ user_id: userRow(emailOfB)!.id }]);
		}
	});
});

test.describe('what a student can see of another', () => {
	test.use({ extraHTTPHeaders: { 'x-forwarded-for': '10.3.1.1' } });

	test('my data holds my records only, and another’s attempt review stays hidden', async ({
		browser
	}) => {
		const a = await browser.newPage();
		const b = await browser.newPage();
		const emailA = await register(a, 'Ada Own');
		const emailB = await register(b, 'Bea Other');
		await finishCourse(b, finalQuiz);
		// B's attempt at the quiz whose page A opens below, or the review would be hidden anyway.
		const [attemptOfB] = query<{ id: string }>(
			'select id from quiz_attempt where user_id = ? and quiz_id = ? and submitted_at is not null',
			userRow(emailB)!.id,
			lessonQuiz.id
		);

		const mine = await a.request.get('/account/data');
		expect(mine.status()).toBe(200);
		expect(mine.headers()['content-disposition']).toMatch(/^attachment;/);
		const text = await mine.text();
		expect(JSON.parse(text).profile.email).toBe(emailA);
		expect(text).not.toContain(emailB);
		expect(text).not.toContain(attemptOfB!.id);

		await a.goto(`/courses/${courseId}`);
		await a.getByRole('button', { name: 'Enrol in this course' }).click();
		await a.goto(`${lessonQuiz.path}?attempt=${attemptOfB!.id}`);
		await expect(a.getByRole('heading', { name: /Your score/ })).toHaveCount(0);
		await expect(a.getByText(questionsOf(lessonQuiz)[0]!.explanation)).toHaveCount(0);
		await a.close();
		await b.close();
	});
});
