import { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { findCourse, listCourses } from '$lib/server/content';
import { getDb } from '$lib/server/db';
import { dateInOrganisation } from '$lib/server/dates';
import { createCodes, listCodes, revokeCode } from '$lib/server/enrollment/codes';
import { assignStudent } from '$lib/server/enrollment/enroll';
import {
	ENROLLMENT_MODES,
	MODE_LABELS,
	policiesFor,
	savePolicy
} from '$lib/server/enrollment/policy';
import {
	email,
	invalid,
	optionalDate,
	optionalText,
	readForm,
	refused,
	text
} from '$lib/server/forms';
import { clientIp } from '$lib/server/security/client';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const db = getDb();
	const courses = listCourses();
	const today = dateInOrganisation(new Date());
	const [policies, codes] = await Promise.all([
		policiesFor(
			db,
			courses.map((c) => c.id)
		),
		listCodes(db, today)
	]);
	const title = (id: string) => findCourse(id)?.title ?? id;
	return {
		today,
		modes: ENROLLMENT_MODES.map((mode) => ({ value: mode, label: MODE_LABELS[mode] })),
		courses: courses.map((c) => ({ id: c.id, title: c.title, policy: policies.get(c.id)! })),
		codes: codes.map((c) => ({ ...c, courseTitle: title(c.courseId) }))
	};
};

const courseId = text('the course', 200).refine((id) => findCourse(id) !== undefined, {
	error: 'Choose one of the courses listed.'
});

const Policy = z
	.object({
		courseId,
		mode: z.enum(['open', 'code', 'assigned'], { error: 'Choose how students enrol.' }),
		opensOn: optionalDate('the first day of enrolment'),
		closesOn: optionalDate('the last day of enrolment')
	})
	.refine((p) => !p.opensOn || !p.closesOn || p.opensOn <= p.closesOn, {
		path: ['closesOn'],
		error: 'The last day of enrolment cannot come before the first.'
	});

const optionalCount = (what: string, max: number) =>
	optionalText(what, 10).transform((v, ctx) => {
		if (v === '') return null;
		const n = Number(v);
		if (!Number.isInteger(n) || n < 1 || n > max) {
			ctx.addIssue({
				code: 'custom',
				message: `Enter ${what} as a whole number from 1 to ${max}.`
			});
			return z.NEVER;
		}
		return n;
	});

const NewCodes = z.object({
	courseId,
	count: optionalCount('how many codes', 100),
	label: optionalText('what the codes are for', 200),
	maxUses: optionalCount('the uses of each code', 100_000),
	expiresOn: optionalDate('the last day the codes work')
});

const Revoke = z.object({ codeId: text('the code', 64) });
const Assign = z.object({ email, courseId });

function actor(event: RequestEvent) {
	const admin = requireRole(event, 'admin');
	return { userId: admin.id, ip: clientIp(event) };
}

export const actions: Actions = {
	policy: async (event) => {
		const by = actor(event);
		const form = await readForm(event.request, Policy);
		if (!form.ok) return invalid(form);
		const { courseId, mode, opensOn, closesOn } = form.data;
		await savePolicy(
			getDb(),
			{ courseId, mode, opensOn: opensOn ?? null, closesOn: closesOn ?? null },
			by
		);
		return { notice: `Saved how students enrol in ${findCourse(courseId)!.title}.` };
	},
	codes: async (event) => {
		const by = actor(event);
		const form = await readForm(event.request, NewCodes);
		if (!form.ok) return invalid(form);
		const { courseId, count, label, maxUses, expiresOn } = form.data;
		if (expiresOn && expiresOn < dateInOrganisation(new Date())) {
			return refused(
				'The last day the codes work has already passed.',
				{ courseId, label, expiresOn },
				{
					expiresOn: 'Choose today or a later day.'
				}
			);
		}
		const codes = await createCodes(
			getDb(),
			{ courseId, count: count ?? 1, label: label || null, maxUses, expiresOn: expiresOn ?? null },
			by
		);
		return { created: codes, courseTitle: findCourse(courseId)!.title };
	},
	revoke: async (event) => {
		const by = actor(event);
		const form = await readForm(event.request, Revoke);
		if (!form.ok) return invalid(form);
		const revoked = await revokeCode(getDb(), form.data.codeId, by);
		if (!revoked) return refused('That code does not exist or was already revoked.');
		return { notice: 'The code no longer works. Students who used it stay enrolled.' };
	},
	assign: async (event) => {
		const by = actor(event);
		const form = await readForm(event.request, Assign);
		if (!form.ok) return invalid(form);
		const course = findCourse(form.data.courseId)!;
		const result = await assignStudent(getDb(), { email: form.data.email, course }, by);
		if (result.status === 'refused') {
			return refused(result.message, { email: form.data.email }, { email: result.message });
		}
		return {
			notice:
				result.status === 'already'
					? `${form.data.email} was already enrolled in ${course.title}.`
					: `${form.data.email} is enrolled in ${course.title}.`
		};
	}
};
