import { listCourses, summarizeCourse } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ courses: listCourses().map(summarizeCourse) });
