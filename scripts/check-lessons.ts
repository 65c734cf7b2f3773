// `npm run lessons:check [folder]`: checks every course, lesson and quiz under lessons/ (or the
// folder given) the way the app indexes them, prints each problem as file:line: message, and the
// CE hours each course's content supports. Exits with 1 when there is any problem.
import { checkContent, type CourseReport } from '$lib/server/content/check';
import { formatProblem } from '$lib/server/content/problems';

export async function main(args: string[]): Promise<number> {
	const root = args[0] ?? 'lessons';
	const { problems, courses } = await checkContent(root);
	for (const course of courses) console.log(describe(course));
	for (const problem of problems) console.error(formatProblem(problem));
	if (problems.length > 0) {
		console.error(
			`\n✗ ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${root}/`
		);
		return 1;
	}
	console.log(`\n✓ ${root}/ is ready to publish`);
	return 0;
}

const count = (n: number, one: string, many = `${one}s`) =>
	`${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function describe(c: CourseReport): string {
	const counts = [
		count(c.modules, 'module'),
		`${count(c.lessons, 'lesson')}${c.optional ? ` (${c.optional} optional)` : ''}`,
		...(c.drafts ? [count(c.drafts, 'draft')] : []),
		`${count(c.quizzes, 'quiz', 'quizzes')} of ${count(c.questions, 'question')}`
	].join(', ');
	const media = c.mediaMinutes ? ` and ${count(c.mediaMinutes, 'minute')} of media` : '';
	if (c.lessons === 0) return `${c.id}: ${counts}\n  not published yet: every lesson is a draft`;
	return (
		`${c.id}: ${counts}\n` +
		`  ${count(c.words, 'word')} read${media} support ${c.supportedHours.toFixed(2)} CE hours; ` +
		`the course declares ${c.declaredHours}`
	);
}
