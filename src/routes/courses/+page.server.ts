import type { PageServerLoad } from './$types';
import { courseCards } from './cards.server';

export const load: PageServerLoad = async ({ locals }) => ({
	courses: await courseCards(locals.user)
});
