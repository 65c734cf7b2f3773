import type { PageServerLoad } from './$types';
import { courseCards } from './courses/cards.server';

export const load: PageServerLoad = async ({ locals }) => ({
	courses: await courseCards(locals.user)
});
