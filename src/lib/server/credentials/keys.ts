import { readFileSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { dataDirectory } from '../db';

/**
 * The Ed25519 key that signs our Open Badges credentials. Given by configuration
 * (CREDENTIAL_SIGNING_KEY, a private JWK, so that several instances share one key), or else
 * generated once and kept beside the database in a file only its owner can read, so that it is
 * backed up with the records it signs.
 */

export const ALGORITHM = 'EdDSA';
export const KEY_FILE_NAME = 'credential-signing-key.json';

export interface SigningKey {
	/** RFC 7638 thumbprint of the public key: ends its id in our JWKS and in every credential. */
	thumbprint: string;
	privateKey: CryptoKey;
	publicKey: CryptoKey;
	/** The public half: never carries `d`. */
	publicJwk: JWK;
}

/** A key that cannot be used; the message names where it came from. */
export class SigningKeyError extends Error {
	override name = 'SigningKeyError';
}

const BASE64URL_32_BYTES = /^[A-Za-z0-9_-]{43}$/;

function parsePrivateJwk(text: string, source: string): JWK {
	let jwk: unknown;
	try {
		jwk = JSON.parse(text);
	} catch {
		throw new SigningKeyError(`${source} is not JSON`);
	}
	const { kty, crv, d, x } = (jwk ?? {}) as Record<string, unknown>;
	const valid =
		kty === 'OKP' &&
		crv === 'Ed25519' &&
		typeof d === 'string' &&
		typeof x === 'string' &&
		BASE64URL_32_BYTES.test(d) &&
		BASE64URL_32_BYTES.test(x);
	if (!valid) {
		throw new SigningKeyError(
			`${source} must be an Ed25519 private key as a JWK: {"kty":"OKP","crv":"Ed25519","d":"…","x":"…"}`
		);
	}
	return { kty, crv, d, x };
}

async function fromPrivateJwk(jwk: JWK, source: string): Promise<SigningKey> {
	const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
	const [privateKey, publicKey] = await Promise.all([
		importJWK(jwk, ALGORITHM),
		importJWK(publicJwk, ALGORITHM)
	]).catch((error: unknown) => {
		throw new SigningKeyError(`${source} is not a usable key: ${(error as Error).message}`);
	});
	if (!(privateKey instanceof CryptoKey) || !(publicKey instanceof CryptoKey)) {
		throw new SigningKeyError(`${source} is not an asymmetric key`);
	}
	// The pair must belong together, or credentials would verify against nothing we publish.
	const probe = new TextEncoder().encode('probe');
	const signature = await crypto.subtle.sign('Ed25519', privateKey, probe);
	if (!(await crypto.subtle.verify('Ed25519', publicKey, signature, probe))) {
		throw new SigningKeyError(`${source}: its "x" is not the public half of its "d"`);
	}
	const thumbprint = await calculateJwkThumbprint(publicJwk, 'sha256');
	return {
		thumbprint,
		privateKey,
		publicKey,
		publicJwk
	};
}

/** Where the generated key lives: CREDENTIAL_KEY_FILE, else beside the database (or DATA_DIR). */
export function keyFilePath(env: Record<string, string | undefined> = process.env): string {
	if (env.CREDENTIAL_KEY_FILE) return env.CREDENTIAL_KEY_FILE;
	return join(dataDirectory(env), KEY_FILE_NAME);
}

async function readOrCreateKeyFile(file: string): Promise<SigningKey> {
	try {
		return fromPrivateJwk(parsePrivateJwk(readFileSync(file, 'utf8'), file), file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const pair = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
	const { kty, crv, d, x } = await exportJWK(pair.privateKey);
	mkdirSync(dirname(file), { recursive: true });
	try {
		// 'wx' fails if another process created the file meanwhile; then its key wins.
		writeFileSync(file, `${JSON.stringify({ kty, crv, d, x })}\n`, { mode: 0o600, flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	return fromPrivateJwk(parsePrivateJwk(readFileSync(file, 'utf8'), file), file);
}

/** Loads (or, the first time, creates) the signing key from the environment's configuration. */
export async function loadSigningKey(
	env: Record<string, string | undefined> = process.env
): Promise<SigningKey> {
	if (env.CREDENTIAL_SIGNING_KEY) {
		const source = 'CREDENTIAL_SIGNING_KEY';
		return fromPrivateJwk(parsePrivateJwk(env.CREDENTIAL_SIGNING_KEY, source), source);
	}
	return readOrCreateKeyFile(keyFilePath(env));
}

let cached: Promise<SigningKey> | undefined;

/** The app's signing key, loaded once; the server's init hook loads it at start. */
export function signingKey(): Promise<SigningKey> {
	cached ??= loadSigningKey().catch((error: unknown) => {
		cached = undefined;
		throw error;
	});
	return cached;
}

/** A URI that dereferences to the public key (a JWK), as the VC-JWT `kid` header wants. */
export function keyUri(site: string, thumbprint: string): string {
	return `${site}/issuer/keys/${thumbprint}`;
}

/** A key as published: its id is its URI on this site, which credentials name in `kid`. */
export function publishedKey(key: SigningKey, site: string): JWK {
	return { ...key.publicJwk, kid: keyUri(site, key.thumbprint), alg: ALGORITHM, use: 'sig' };
}

/** The keys anyone may use to verify our credentials (a JWK Set without private parts). */
export async function publishedKeys(site: string): Promise<{ keys: JWK[] }> {
	return { keys: [publishedKey(await signingKey(), site)] };
}
