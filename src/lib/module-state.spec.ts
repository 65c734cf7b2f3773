import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// One server process renders every visitor's pages: a variable at the top level of a module (or
// in a component's `<script module>`) is shared by all of them. The ones below hold what is the
// same for everyone (the database handle, keys, settings, fonts) and are filled once; anything
// else that is mutable at the top level is a place where one person's data could reach another.
const PROCESS_WIDE: Record<string, string> = {
	'src/lib/server/certificates/pdf/fonts.ts': 'the embedded font files, read once',
	'src/lib/server/credentials/keys.ts': 'the credential signing key, loaded once',
	'src/lib/server/auth/common-passwords.ts': 'the list of common passwords, read once',
	'src/lib/server/auth/password.ts': 'a decoy hash for unknown accounts, made once',
	'src/lib/server/config.ts': 'the issuer settings file, read once',
	'src/lib/server/lifecycle.ts': 'whether the shutdown handler is registered',
	'src/lib/server/db/index.ts': 'the one database connection',
	'src/lib/server/mail.ts': 'the mail transport',
	'src/lib/server/security/secret-box.ts': 'the key that encrypts two-factor secrets'
};

function files(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return files(path);
		return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : [];
	});
}

/** Top-level `let`/`var` in a module, and any `<script module>` that declares state. */
function sharedState(path: string): string[] {
	const source = readFileSync(path, 'utf8');
	if (path.endsWith('.svelte')) {
		const module = /<script[^>]*\b(module|context="module")[^>]*>([\s\S]*?)<\/script>/.exec(source);
		return module && /\b(let|var)\s|\$state\(/.test(module[2]!) ? ['<script module> state'] : [];
	}
	return [...source.matchAll(/^(?:export\s+)?(?:let|var)\s+(\w+)/gm)].map((m) => m[1]!);
}

describe('state shared between requests', () => {
	it('exists only where it holds what is the same for every visitor', () => {
		const found = files('src').flatMap((path) =>
			sharedState(path).map((name) => `${path.replaceAll('\\', '/')}: ${name}`)
		);
		const unexpected = found.filter((f) => !(f.split(':')[0]! in PROCESS_WIDE));
		expect(unexpected).toEqual([]);
	});

	it('is found by the check', () => {
		// The allow-list is not stale: each file on it still holds its one process-wide value.
		for (const path of Object.keys(PROCESS_WIDE)) expect(sharedState(path), path).toHaveLength(1);
	});
});
