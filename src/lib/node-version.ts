/**
 * better-sqlite3 13 and kysely 0.29 need Node 22 or later; on the machines' Node 20 the server
 * serves pages and then segfaults at the first query. The project pins Node 24 through the `node`
 * npm package, which npm scripts and npx put first on PATH.
 */
export function nodeVersionProblem(version: string): string | undefined {
	const major = Number(version.split('.')[0]);
	if (major >= 22) return undefined;
	return (
		`MMPA Academy needs Node 22 or later, but this is Node ${version}. ` +
		'The project pins Node 24 as a dependency: start it through npm (npm start, npm test, ' +
		'npm run dev) or npx, which run the pinned Node.'
	);
}
