import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { assetSizer, weighPage, weightTable } from '../../bench/page-weight.js';
import { createStaff, ownAddress, signInStaffFirstTime } from './accounts';
import { shippedQuizzes } from './support';

/** Every shipped lesson's page, found from the files the way an author names them. */
function lessonPaths(): string[] {
	return readdirSync('lessons').flatMap((folder) => {
		const dir = join('lessons', folder);
		const courseId = /^id:\s*(\S+)/m.exec(readFileSync(join(dir, 'course.md'), 'utf8'))?.[1];
		return readdirSync(dir)
			.filter((module) => statSync(join(dir, module)).isDirectory() && /^\d+-/.test(module))
			.flatMap((module) =>
				readdirSync(join(dir, module))
					.filter((file) => file.endsWith('.svx'))
					.map((file) => {
						const id = /^id:\s*(\S+)/m.exec(readFileSync(join(dir, module, file), 'utf8'))?.[1];
						return `/courses/${courseId}/${id}`;
					})
			);
	});
}

test('every lesson page ships under 60 kB of gzipped JavaScript', async ({
	page,
	context
}, testInfo) => {
	await ownAddress(context, testInfo, 40);
	// An admin may open every course's lessons without enrolling or meeting prerequisites.
	await signInStaffFirstTime(page, createStaff('admin', 'Weigher'));
	const pages = [
		...lessonPaths().map((path) => ({ name: path, path })),
		...shippedQuizzes()
			.filter((quiz) => quiz.lessonId === null)
			.map((quiz) => ({ name: quiz.path, path: quiz.path }))
	];
	const sizeOf = assetSizer();
	const weights = [];
	for (const target of pages) weights.push(await weighPage(page, target, sizeOf));
	await testInfo.attach('page-weights.md', {
		body: weightTable(weights),
		contentType: 'text/markdown'
	});

	for (const weight of weights) {
		expect(weight.status, weight.path).toBe(200);
		// A hydrated page loads the app's client code; none at all would mean the measure is broken.
		expect(weight.js, weight.path).toBeGreaterThan(0);
		expect(weight.js, weight.path).toBeLessThan(60_000);
	}
});
