// `npm run lessons:check`: indexes every course, lesson and quiz the way the server does, and
// prints what it found, or the first problem with the file and the field to fix.
export async function main(): Promise<number> {
	try {
		const { listCourses } = await import('$lib/server/content');
		for (const course of listCourses()) {
			const quizzes = course.lessons.flatMap((l) => (l.quiz ? [l.quiz] : []));
			const questions = quizzes.reduce((n, q) => n + q.questions.length, 0);
			console.log(
				`✓ ${course.id}: ${course.lessons.length} lessons, ${quizzes.length} quizzes, ${questions} questions`
			);
		}
		return 0;
	} catch (error) {
		console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
}
