import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../problems';
import { checkContent } from './index';
import { countWords, lessonWords } from './words';

const BAD = 'tests/fixtures/lessons-bad';
const COURSE = `${BAD}/01-overclaimed`;

describe('checkContent on the shipped lessons', () => {
	it('finds no problem and reports the CE hours the content supports', async () => {
		const { problems, courses } = await checkContent('lessons');

		expect(problems.map(formatProblem)).toEqual([]);
		const foundations = courses.find((c) => c.id === 'foundations-of-medical-massage');
		expect(foundations).toMatchObject({ modules: 3, optional: 1, mediaMinutes: 0 });
		// Every shipped course supports at least the 1 CE hour it declares (12,000 words).
		expect(courses.map((c) => c.supportedHours >= 1 && c.declaredHours >= 1)).not.toContain(false);
		expect(foundations?.words).toBeGreaterThan(12000);
		expect(foundations?.supportedHours).toBeGreaterThanOrEqual(foundations!.declaredHours);
		// Compiling every shipped lesson takes 5 to 10 s on a loaded two-core machine: a limit that
		// catches a hang, not a speed requirement.
	}, 60_000);
});

describe('checkContent on a folder with every kind of problem', async () => {
	const { problems } = await checkContent(BAD);
	const lines = problems.map(formatProblem);

	it.each([
		['a lesson without an id', `${COURSE}/01-basics/06-no-id.svx:2: "id" is missing`],
		['an option without an id', `${COURSE}/02-quizzes/01-quizzed.quiz.yaml:33: "id" is missing`],
		[
			'a duplicate course id',
			`${BAD}/02-copycat/course.md:2: duplicate course id "overclaimed-course": ${COURSE}/course.md has it too`
		],
		[
			'a duplicate module id',
			`${COURSE}/02-quizzes/module.md:2: duplicate module id "basics": ${COURSE}/01-basics/module.md has it too`
		],
		[
			'a duplicate lesson id',
			`${COURSE}/01-basics/07-duplicate.svx:2: duplicate lesson id "broken-prose": ${COURSE}/01-basics/01-broken-prose.svx has it too`
		],
		[
			'a duplicate question id',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:36: the id "no-correct-option" is used twice in this quiz`
		],
		[
			'a duplicate option id',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:46: the id "wrong-one" is used twice in this quiz`
		],
		[
			'an unknown frontmatter field',
			`${COURSE}/01-basics/05-misread.svx:5: unknown field "sumary" (did you mean "summary"?)`
		],
		[
			'an unknown quiz field',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:3: unknown field "shuffle"`
		],
		[
			'01 read by YAML as a number',
			`${COURSE}/01-basics/05-misread.svx:2: "id" must be text, but YAML reads 01 as number 1: put it in quotes, '01'`
		],
		[
			'a stray brace in prose',
			`${COURSE}/01-basics/01-broken-prose.svx:9: does not compile: Expected token }. In prose, write &#123; for { and &lt; for <`
		],
		[
			'a stray angle bracket in prose',
			`${COURSE}/01-basics/02-stray-angle.svx:7: does not compile: Expected a valid element or component name.`
		],
		[
			'a true-false answer in quotes',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:39: "answer" must be true or false without quotes, not the text "yes"`
		],
		[
			'a matching of one pair',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:45: "pairs" needs at least 2 entries`
		],
		[
			'an ordering with repeated items',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:52: "items": two items read "stop"`
		],
		[
			'a numeric answer that is text',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:60: "answer" must be a number, not the text "three"`
		],
		[
			'a short text with nothing to accept',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:63: "accept": needs the accepted answers (accept) or a pattern, or both`
		],
		[
			'a correct answer that is not among the options',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:8: "options": none of the options is marked correct`
		],
		[
			'duplicate options',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:18: "options": two options read "effleurage"`
		],
		[
			'a hotspot polygon outside the image',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:82: "polygon": the point [420, 780] of region "region-out" lies outside the 400 × 800 image`
		],
		[
			'a hotspot image that is not there',
			`${COURSE}/02-quizzes/01-quizzed.quiz.yaml:88: "image": there is no images/missing-body.svg in the course folder`
		],
		[
			'a hotspot sized unlike its image',
			`${COURSE}/02-quizzes/02-hotspot.quiz.yaml:9: the image images/body.svg is 400 × 800, but the question says 500 × 800`
		],
		[
			'a Markdown image without alt text',
			`${COURSE}/01-basics/03-images.svx:14: image without alt text: describe it between the brackets`
		],
		[
			'an <img> without alt text',
			`${COURSE}/01-basics/03-images.svx:16: image without alt text: add alt=`
		],
		['a Figure without alt text', `${COURSE}/01-basics/03-images.svx:18: <Figure> needs alt="…"`],
		[
			'a missing image file',
			`${COURSE}/01-basics/03-images.svx:9: imports ../images/missing-chart.svg, which does not exist`
		],
		[
			'a component used but not imported',
			`${COURSE}/01-basics/03-images.svx:20: <Callout> is used but not imported in the <script> block`
		],
		[
			'a link to a lesson that does not exist',
			`${COURSE}/01-basics/04-links.svx:7: the link /courses/overclaimed-course/no-such-lesson names no lesson`
		],
		[
			'a relative link',
			`${COURSE}/01-basics/04-links.svx:8: the link 02-stray-angle.svx is relative`
		],
		[
			'a link to a course that does not exist',
			`${COURSE}/01-basics/04-links.svx:9: the link /courses/no-such-course names no course`
		],
		[
			'a link to no page',
			`${COURSE}/01-basics/04-links.svx:10: the link /no-such-page leads to no page`
		],
		[
			'CE hours the content cannot support',
			`${COURSE}/course.md:5: "ceHours" is 3, but the content supports 0.01 CE hours (101 words at 12,000 an hour, 0 minutes of video or audio at 60 an hour)`
		]
	])('reports %s as file:line: message', (_, expected) => {
		expect(lines.some((line) => line.startsWith(expected))).toBe(true);
	});

	it('leaves working links alone', () => {
		expect(
			lines.filter((line) => line.includes('/courses/overclaimed-course/broken-prose'))
		).toEqual([]);
	});
});

// Each run starts Vite, as `npm run lessons:check` does: slower than the other specs.
describe('npm run lessons:check', { timeout: 60_000 }, () => {
	function run(...args: string[]) {
		return spawnSync(process.execPath, ['scripts/run.js', 'scripts/check-lessons.ts', ...args], {
			encoding: 'utf8'
		});
	}

	it('exits 0 on the shipped lessons, printing the supported CE hours', () => {
		const result = run();

		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(
			/foundations-of-medical-massage: 3 modules, .*\n {2}[\d,]+ words read support \d\.\d\d CE hours; the course declares 1\n/
		);
	});

	it('exits 1 on a folder with problems, printing each as file:line: message', () => {
		const result = run(BAD);

		expect(result.status).toBe(1);
		expect(result.stderr).toContain(`${COURSE}/01-basics/06-no-id.svx:2: "id" is missing\n`);
		expect(result.stderr).toMatch(/✗ \d+ problems in tests\/fixtures\/lessons-bad\//);
	});
});

describe('word counts', () => {
	it('count prose and the text components show, not frontmatter, scripts or code', () => {
		const source = [
			'---',
			'id: counted-lesson',
			'title: Not counted',
			'---',
			'<script>',
			"\timport Callout from '$lib/components/lesson/Callout.svelte';",
			'</script>',
			'',
			'## Two words',
			'',
			'Four words of prose.',
			'',
			'```js',
			'const notCounted = 1;',
			'```',
			'',
			'<Callout kind="red-flag" title="Three title words">One more.</Callout>',
			'<!-- a comment is not read -->'
		].join('\n');

		expect(lessonWords(source)).toBe(2 + 4 + 3 + 2);
		expect(countWords('ICD-10-CM M54.2, don’t count 97124 twice')).toBe(6);
	});
});
