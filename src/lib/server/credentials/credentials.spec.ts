import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base64url, compactVerify, createLocalJWKSet, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDb } from '../db/test-db';
import { reissueCertificate, revokeCertificate } from '../certificates/records';
import { graduate } from '../certificates/test-fixtures';
import { keyFilePath, loadSigningKey, publishedKey, type SigningKey } from './keys';
import { openBadgeCredential, signCredential } from './open-badge';
import { checkCredential } from './verify';

const SITE = 'https://academy.example.org';

let db: Database;
let cleanup: () => Promise<void>;
let keyDir: string;
let key: SigningKey;
let otherKey: SigningKey;

beforeAll(async () => {
	keyDir = mkdtempSync(join(tmpdir(), 'mmpa-keys-'));
	key = await loadSigningKey({ CREDENTIAL_KEY_FILE: join(keyDir, 'ours.json') });
	otherKey = await loadSigningKey({ CREDENTIAL_KEY_FILE: join(keyDir, 'theirs.json') });
});
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));
beforeEach(async () => {
	({ db, cleanup } = await openTestDb());
});
afterEach(async () => {
	await cleanup();
});

const jwks = () => createLocalJWKSet({ keys: [publishedKey(key, SITE)] });

function decodePayload(token: string) {
	return JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[1]!))) as Record<
		string,
		unknown
	>;
}

describe('the signed credential', () => {
	it('is an OpenBadgeCredential whose JWT claims mirror it, signed with our published key', async () => {
		const { certificate } = await graduate(db, 'ana@example.com', {
			certificateName: 'Σοφία Παπαδοπούλου',
			license: ['MA12345', 'FL']
		});

		const token = await signCredential(certificate, key);

		expect(decodeProtectedHeader(token)).toEqual({
			alg: 'EdDSA',
			kid: `${SITE}/issuer/keys/${key.thumbprint}`,
			typ: 'JWT'
		});
		const { payload } = await compactVerify(token, jwks());
		const claims = JSON.parse(new TextDecoder().decode(payload));
		expect(claims).toMatchObject({
			'@context': [
				'https://www.w3.org/ns/credentials/v2',
				'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
			],
			id: `${SITE}/certificates/${certificate.code}`,
			jti: `${SITE}/certificates/${certificate.code}`,
			type: ['VerifiableCredential', 'OpenBadgeCredential'],
			issuer: { id: `${SITE}/issuer`, type: ['Profile'], name: certificate.provider_name },
			iss: `${SITE}/issuer`,
			validFrom: '2026-11-28T15:04:05Z',
			nbf: Date.parse('2026-11-28T15:04:05Z') / 1000,
			name: certificate.course_title,
			credentialSubject: {
				type: ['AchievementSubject'],
				identifier: [
					{
						type: 'IdentityObject',
						identityHash: 'Σοφία Παπαδοπούλου',
						identityType: 'name',
						hashed: false
					}
				],
				creditsEarned: certificate.ce_hours,
				achievement: {
					type: ['Achievement'],
					name: certificate.course_title,
					creditsAvailable: certificate.ce_hours
				}
			}
		});
		// The license number stays on the PDF: a badge is often shown publicly.
		expect(JSON.stringify(claims)).not.toContain('MA12345');
		expect(claims).not.toHaveProperty('sub');
	});

	it('is the same token every time', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');
		expect(await signCredential(certificate, key)).toBe(await signCredential(certificate, key));
	});

	it('fails verification after any byte of its payload changes', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');
		const [header, payload, signature] = (await signCredential(certificate, key)).split('.');
		const bytes = base64url.decode(payload!);
		expect(bytes.length).toBeGreaterThan(1000);

		let rejected = 0;
		for (let index = 0; index < bytes.length; index++) {
			const changed = bytes.slice();
			changed[index] = changed[index]! ^ 0x01;
			const forged = `${header}.${base64url.encode(changed)}.${signature}`;
			await compactVerify(forged, jwks()).then(
				() => undefined,
				() => rejected++
			);
		}
		expect(rejected).toBe(bytes.length);
	});

	it('names the holder and the course in the credential exactly as the certificate does', async () => {
		const { certificate } = await graduate(db, 'ana@example.com', {
			certificateName: `<b>D'Angelo</b> & "Zoë"`
		});
		const token = await signCredential(certificate, key);
		expect(decodePayload(token)).toEqual(
			JSON.parse(
				JSON.stringify({
					...openBadgeCredential(certificate),
					iss: `${SITE}/issuer`,
					jti: `${SITE}/certificates/${certificate.code}`,
					nbf: Date.parse('2026-11-28T15:04:05Z') / 1000
				})
			)
		);
	});
});

describe('checkCredential', () => {
	it('verifies our credential and reports the certificate as valid', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');
		const token = await signCredential(certificate, key);
		// Pasted from a mail client that wrapped it.
		const pasted = `\n  ${token.slice(0, 80)}\n${token.slice(80)}  \n`;

		const check = await checkCredential(db, pasted, [key]);

		expect(check).toMatchObject({ outcome: 'verified', status: { state: 'valid' } });
		expect(check.outcome === 'verified' && check.certificate.code).toBe(certificate.code);
	});

	it('says when the certificate was revoked or replaced since', async () => {
		const { user, certificate } = await graduate(db, 'ana@example.com');
		const token = await signCredential(certificate, key);
		const reissued = await reissueCertificate(db, {
			code: certificate.code,
			correction: { holderName: 'Ana Lima', licenseNumber: null, licenseState: null },
			actorUserId: user.id
		});
		expect(await checkCredential(db, token, [key])).toMatchObject({
			outcome: 'verified',
			status: { state: 'superseded', replacementCode: reissued.code }
		});

		await revokeCertificate(db, { code: reissued.code, reason: 'Fraud', actorUserId: user.id });
		expect(await checkCredential(db, await signCredential(reissued, key), [key])).toMatchObject({
			outcome: 'verified',
			status: { state: 'revoked', reason: 'Fraud' }
		});
	});

	it('refuses an altered credential', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');
		const [header, , signature] = (await signCredential(certificate, key)).split('.');
		const payload = { ...openBadgeCredential(certificate), name: 'A Course Never Taken' };
		const forged = `${header}.${base64url.encode(JSON.stringify(payload))}.${signature}`;

		expect(await checkCredential(db, forged, [key])).toMatchObject({ outcome: 'altered' });
	});

	it('refuses a credential signed with another key, even one that names our key', async () => {
		const { certificate } = await graduate(db, 'ana@example.com');
		const theirs = await signCredential(certificate, otherKey);
		const impostor = await new SignJWT(decodePayload(theirs))
			.setProtectedHeader({ alg: 'EdDSA', kid: `${SITE}/issuer/keys/${key.thumbprint}` })
			.sign(otherKey.privateKey);

		expect(await checkCredential(db, theirs, [key])).toMatchObject({ outcome: 'not-ours' });
		expect(await checkCredential(db, impostor, [key])).toMatchObject({ outcome: 'altered' });
	});

	it('says what is wrong with input that is no credential at all', async () => {
		for (const input of ['', 'hello', 'a.b', '{"json": true}', 'x'.repeat(40_000), 'a.b.c']) {
			const check = await checkCredential(db, input, [key]);
			expect(check.outcome, input.slice(0, 20)).toBe('unreadable');
		}
		const notACredential = await new SignJWT({ hello: 'world' })
			.setProtectedHeader({ alg: 'EdDSA', kid: key.thumbprint })
			.sign(key.privateKey);
		expect(await checkCredential(db, notACredential, [key])).toMatchObject({ outcome: 'unknown' });
	});
});

describe('the signing key', () => {
	it('is created once, readable only by its owner, and the same on every load', async () => {
		const file = join(keyDir, 'fresh.json');
		const [first, second] = await Promise.all([
			loadSigningKey({ CREDENTIAL_KEY_FILE: file }),
			loadSigningKey({ CREDENTIAL_KEY_FILE: file })
		]);
		const third = await loadSigningKey({ CREDENTIAL_KEY_FILE: file });

		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(new Set([first.thumbprint, second.thumbprint, third.thumbprint]).size).toBe(1);
		expect(JSON.stringify(publishedKey(first, SITE))).not.toContain('"d"');
	});

	it('lives beside the database unless configured', () => {
		expect(keyFilePath({ DATABASE_URL: '/srv/mmpa/academy.db' })).toBe(
			'/srv/mmpa/credential-signing-key.json'
		);
		expect(keyFilePath({ CREDENTIAL_KEY_FILE: '/run/key.json' })).toBe('/run/key.json');
	});

	it('can be given by configuration, so that several instances share it', async () => {
		const jwk = readFileSync(join(keyDir, 'ours.json'), 'utf8');
		const given = await loadSigningKey({ CREDENTIAL_SIGNING_KEY: jwk });
		expect(given.thumbprint).toBe(key.thumbprint);

		await expect(loadSigningKey({ CREDENTIAL_SIGNING_KEY: 'nope' })).rejects.toThrow(
			'CREDENTIAL_SIGNING_KEY is not JSON'
		);
		const mismatched = {
			...JSON.parse(jwk),
			x: JSON.parse(readFileSync(join(keyDir, 'theirs.json'), 'utf8')).x
		};
		await expect(
			loadSigningKey({ CREDENTIAL_SIGNING_KEY: JSON.stringify(mismatched) })
		).rejects.toThrow(/not a usable key|not the public half/);
	});
});
