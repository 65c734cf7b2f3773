// `npm run new:lesson -- <module folder> "<title>" [--no-quiz]`: scaffolds a draft lesson, and a
// quiz beside it, numbered after the last lesson of the module and with a fresh id.
import { scaffoldLesson, ScaffoldError } from '$lib/server/content/scaffold';

const USAGE =
	'Usage: npm run new:lesson -- <module folder> "<lesson title>" [--no-quiz]\n' +
	'  e.g. npm run new:lesson -- lessons/01-foundations-of-medical-massage/02-safety-and-practice "Working with anticoagulants"';

export async function main(args: string[]): Promise<number> {
	const quiz = !args.includes('--no-quiz');
	const [moduleDir, title, ...rest] = args.filter((a) => a !== '--no-quiz');
	if (!moduleDir || !title || rest.length > 0) {
		console.error(USAGE);
		return 2;
	}
	try {
		const { created, lessonId, courseId } = scaffoldLesson({ moduleDir, title, quiz });
		for (const file of created) console.log(`created ${file}`);
		console.log(
			`\nThe lesson is a draft: it shows in \`npm run dev\` at /courses/${courseId ?? '<course id>'}/${lessonId}` +
				'\nand stays out of the live site until you remove `draft: true`. Check it with `npm run lessons:check`.'
		);
		return 0;
	} catch (error) {
		if (!(error instanceof ScaffoldError)) throw error;
		console.error(error.message);
		return 2;
	}
}
