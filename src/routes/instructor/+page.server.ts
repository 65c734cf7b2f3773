import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { coursesFollowedBy } from '$lib/server/instructor/access';
import { courseFigures } from '$lib/server/instructor/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'instructor', 'admin');
	const db = getDb();
	return {
		isAdmin: user.role === 'admin',
		courses: await courseFigures(db, await coursesFollowedBy(db, user))
	};
};
