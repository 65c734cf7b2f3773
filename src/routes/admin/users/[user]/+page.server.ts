import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { assignCourse } from '$lib/server/account';
import { setDeactivatedAsAdmin, unassignCourse } from '$lib/server/admin/accounts';
import { requireRole } from '$lib/server/auth/guards';
import { findCourse, listCourses } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { coursesTaughtBy } from '$lib/server/db/instructors';
import { findUserById } from '$lib/server/db/users';
import { timeInOrganisation } from '$lib/server/dates';
import { invalid, password, readForm, refused, text, throttled } from '$lib/server/forms';
import { clientIp, requestOrigin } from '$lib/server/security/client';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function userOr404(id: string) {
	const user = await findUserById(getDb(), id);
	if (!user) error(404, 'There is no such account.');
	return user;
}

export const load: PageServerLoad = async (event) => {
	const admin = requireRole(event, 'admin');
	const db = getDb();
	const user = await userOr404(event.params.user);
	const [enrolments, certificates, teaches] = await Promise.all([
		db
			.selectFrom('enrollment')
			.select(['course_id', 'enrolled_at', 'via'])
			.where('user_id', '=', user.id)
			.orderBy('enrolled_at')
			.execute(),
		db
			.selectFrom('certificate')
			.select(['code', 'course_title', 'completion_date', 'superseded_at', 'revoked_at'])
			.where('user_id', '=', user.id)
			.orderBy('completion_date')
			.execute(),
		coursesTaughtBy(db, user.id)
	]);
	const title = (id: string) => findCourse(id)?.title ?? id;
	return {
		isMe: user.id === admin.id,
		user: {
			id: user.id,
			name: user.name,
			email: user.email,
			role: user.role,
			createdAt: timeInOrganisation(user.created_at),
			licenseNumber: user.license_number,
			licenseState: user.license_state,
			twoFactor: user.totp_key !== null,
			erased: user.erased_at !== null,
			deactivatedAt: user.deactivated_at ? timeInOrganisation(user.deactivated_at) : null
		},
		enrolments: enrolments.map((e) => ({
			courseId: e.course_id,
			title: title(e.course_id),
			enrolledAt: timeInOrganisation(e.enrolled_at),
			via: e.via
		})),
		certificates,
		teaches: teaches.map((id) => ({ id, title: title(id) })),
		courses: listCourses()
			.filter((c) => !teaches.includes(c.id))
			.map((c) => ({ id: c.id, title: c.title }))
	};
};

const Confirm = z.object({ password: password('your password') });
const CourseChoice = z.object({ courseId: text('the course', 200) });

async function setDeactivated(event: RequestEvent, deactivate: boolean) {
	const admin = requireRole(event, 'admin');
	const form = await readForm(event.request, Confirm);
	if (!form.ok) return invalid(form);
	const result = await setDeactivatedAsAdmin(
		getDb(),
		admin,
		{ userId: event.params.user, deactivate, password: form.data.password },
		requestOrigin(event)
	);
	if (result.status === 'throttled') {
		return throttled(event, 'password attempts', result.retryAfterSeconds);
	}
	if (result.status === 'invalid') {
		const message = 'That is not your password.';
		return refused(message, {}, { password: message });
	}
	if (result.status === 'refused') return refused(result.message);
	if (result.status === 'unknown-user') error(404, 'There is no such account.');
	return { done: deactivate ? 'deactivated' : 'reactivated' };
}

async function courseFrom(event: RequestEvent) {
	const form = await readForm(event.request, CourseChoice);
	if (!form.ok) return { problem: invalid(form) } as const;
	const course = findCourse(form.data.courseId);
	if (!course) return { problem: refused('Choose one of the courses listed.') } as const;
	return { course } as const;
}

export const actions: Actions = {
	deactivate: (event) => setDeactivated(event, true),
	reactivate: (event) => setDeactivated(event, false),
	assign: async (event) => {
		const admin = requireRole(event, 'admin');
		const user = await userOr404(event.params.user);
		const chosen = await courseFrom(event);
		if ('problem' in chosen) return chosen.problem;
		if (user.role !== 'instructor') {
			return refused('Only instructors teach courses: change the role to instructor first.');
		}
		await assignCourse(getDb(), user.id, chosen.course.id, {
			userId: admin.id,
			ip: clientIp(event)
		});
		return { done: 'assigned' };
	},
	unassign: async (event) => {
		const admin = requireRole(event, 'admin');
		const user = await userOr404(event.params.user);
		const chosen = await courseFrom(event);
		if ('problem' in chosen) return chosen.problem;
		await unassignCourse(getDb(), user.id, chosen.course.id, {
			userId: admin.id,
			ip: clientIp(event)
		});
		return { done: 'unassigned' };
	}
};
