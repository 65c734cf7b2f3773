import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDirectory } from '../db';

/**
 * Encryption at rest for secrets the server must read back (TOTP keys): AES-256-GCM with a key
 * that is not in the database, so a copy of the database alone does not reveal them.
 *
 * The key comes from `SECRET_KEY` (64 hex characters) or, when that is unset, from `secret.key`
 * beside the database (in DATA_DIR with PostgreSQL), created on first use with permissions 0600. Several instances on one
 * database must share `SECRET_KEY`.
 */

const VERSION = 'v1';
let cachedKey: Buffer | undefined;

function loadKey(): Buffer {
	if (cachedKey) return cachedKey;
	const configured = process.env.SECRET_KEY;
	if (configured) {
		if (!/^[0-9a-fA-F]{64}$/.test(configured)) {
			throw new Error('SECRET_KEY must be 64 hexadecimal characters (32 random bytes).');
		}
		cachedKey = Buffer.from(configured, 'hex');
		return cachedKey;
	}
	const file = join(dataDirectory(), 'secret.key');
	if (!existsSync(file)) {
		mkdirSync(dirname(file), { recursive: true });
		// `wx` fails if another process created it meanwhile; then that one's key is read below.
		try {
			writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		chmodSync(file, 0o600);
	}
	const hex = readFileSync(file, 'utf8').trim();
	if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} does not hold a 32-byte hex key.`);
	cachedKey = Buffer.from(hex, 'hex');
	return cachedKey;
}

/**
 * `context` (e.g. the user id) is bound into the ciphertext: a value copied to another row does
 * not decrypt there.
 */
export function encryptSecret(plain: Uint8Array, context: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', loadKey(), iv);
	cipher.setAAD(Buffer.from(context));
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return [VERSION, iv, body, cipher.getAuthTag()]
		.map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
		.join('.');
}

export function decryptSecret(sealed: string, context: string): Uint8Array {
	const [version, iv, body, tag] = sealed.split('.');
	if (version !== VERSION || !iv || !body || !tag) throw new Error('Unreadable sealed secret.');
	const decipher = createDecipheriv('aes-256-gcm', loadKey(), Buffer.from(iv, 'base64url'));
	decipher.setAAD(Buffer.from(context));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return new Uint8Array(
		Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])
	);
}

/**
 * A secret derived from the server key for one purpose (HMAC-SHA-256): the same `context` always
 * gives the same bytes, and nobody without the key can compute them.
 */
export function deriveSecret(context: string, length: number): Uint8Array {
	const mac = createHmac('sha256', loadKey()).update(context).digest();
	return new Uint8Array(mac.subarray(0, length));
}
