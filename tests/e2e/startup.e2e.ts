import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/** Starts the built server with the given environment and returns how it ended. */
function start(env: Record<string, string>) {
	const dir = mkdtempSync(join(tmpdir(), 'mmpa-start-'));
	try {
		const result = spawnSync(process.execPath, ['build/index.js'], {
			env: { ...process.env, PORT: '0', DATABASE_URL: join(dir, 'academy.db'), ...env },
			encoding: 'utf8',
			timeout: 30_000
		});
		return { status: result.status, stderr: result.stderr };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

test('a bad issuer settings file stops the server with a message naming the field', () => {
	const dir = mkdtempSync(join(tmpdir(), 'mmpa-issuer-'));
	const file = join(dir, 'issuer.json');
	writeFileSync(file, JSON.stringify({ timeZone: 'Mars/Olympus' }));
	const { status, stderr } = start({ ISSUER_CONFIG: file });
	rmSync(dir, { recursive: true, force: true });

	expect(status).toBe(1);
	expect(stderr).toContain(`${file}: field "timeZone" must be an IANA time zone`);
});

test('an unusable configured signing key stops the server', () => {
	const { status, stderr } = start({ CREDENTIAL_SIGNING_KEY: '{"kty":"RSA"}' });

	expect(status).toBe(1);
	expect(stderr).toContain('CREDENTIAL_SIGNING_KEY must be an Ed25519 private key');
});
