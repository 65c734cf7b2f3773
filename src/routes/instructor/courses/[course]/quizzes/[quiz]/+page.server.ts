import { getDb } from '$lib/server/db';
import { readQuery } from '$lib/server/forms';
import { courseQuizzes, requireCourseStaff } from '$lib/server/instructor/access';
import { quizReport, quizReportQuery } from '$lib/server/instructor/quiz-report';
import { VERY_EASY, VERY_HARD } from '$lib/server/quiz/statistics';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = getDb();
	const { course } = await requireCourseStaff(event, db, event.params.course);
	const { version } = readQuery(event.url.searchParams, quizReportQuery);
	return {
		course: { id: course.id, title: course.title },
		quizzes: courseQuizzes(course).map((q) => ({ id: q.id, title: q.title })),
		limits: { veryEasy: VERY_EASY, veryHard: VERY_HARD },
		...(await quizReport(db, course, event.params.quiz, version))
	};
};
