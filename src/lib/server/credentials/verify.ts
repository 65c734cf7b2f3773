import { compactVerify, decodeProtectedHeader } from 'jose';
import type { Database } from '../db';
import type { Certificate } from '../db/schema';
import { findCertificateByCode } from '../certificates/issue';
import { certificateStatus, type CertificateStatus } from '../certificates/records';
import { ALGORITHM, type SigningKey } from './keys';

/**
 * Checks a credential someone pasted against our own keys and our own records. Nothing named
 * inside the credential is ever fetched: the key comes from our key set, the standing from our
 * database, so a forged credential cannot point the check at a server its author controls.
 */

export type CredentialCheck =
	| { outcome: 'unreadable' | 'not-ours' | 'altered' | 'unknown'; message: string }
	| { outcome: 'verified'; certificate: Certificate; status: CertificateStatus };

/** Large enough for any credential we issue, small enough to refuse abuse cheaply. */
export const MAX_CREDENTIAL_LENGTH = 32_000;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The thumbprint at the end of a key URI (…/issuer/keys/<thumbprint>) or a bare thumbprint. */
function thumbprintOf(kid: unknown): string | undefined {
	if (typeof kid !== 'string') return undefined;
	return /(?:^|[/#])([A-Za-z0-9_-]{43})$/.exec(kid)?.[1];
}

function readPayload(bytes: Uint8Array): Record<string, unknown> | undefined {
	try {
		const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
		return payload && typeof payload === 'object'
			? (payload as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

/** The certificate code in a credential id of ours: …/certificates/<code>. */
function codeOf(id: unknown): string | undefined {
	if (typeof id !== 'string') return undefined;
	return /\/certificates\/([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})$/.exec(id)?.[1];
}

export async function checkCredential(
	db: Database,
	input: string,
	keys: SigningKey[]
): Promise<CredentialCheck> {
	// Wallets and mail clients wrap long tokens; whitespace is never part of one.
	const token = input.replace(/\s+/g, '');
	if (!token) return { outcome: 'unreadable', message: 'Paste a credential to check it.' };
	if (token.length > MAX_CREDENTIAL_LENGTH || !COMPACT_JWS.test(token)) {
		return {
			outcome: 'unreadable',
			message:
				'This is not a signed credential (a .jwt file: three parts of letters and digits joined by dots).'
		};
	}
	let header: ReturnType<typeof decodeProtectedHeader>;
	try {
		header = decodeProtectedHeader(token);
	} catch {
		return { outcome: 'unreadable', message: 'The credential’s header cannot be read.' };
	}
	const key = keys.find((candidate) => candidate.thumbprint === thumbprintOf(header.kid));
	if (header.alg !== ALGORITHM || !key) {
		return {
			outcome: 'not-ours',
			message: 'This credential was not signed with any of our keys, so we cannot vouch for it.'
		};
	}
	let payload: Record<string, unknown> | undefined;
	try {
		const verified = await compactVerify(token, key.publicKey, { algorithms: [ALGORITHM] });
		payload = readPayload(verified.payload);
	} catch {
		return {
			outcome: 'altered',
			message:
				'The signature does not match the content: this credential was changed after we signed it.'
		};
	}
	// Signed by us, so the structure is ours; still, refuse anything that is not a credential.
	const issuer = payload?.issuer as { id?: unknown } | undefined;
	const types = payload?.type;
	const code = codeOf(payload?.id);
	const consistent =
		payload !== undefined &&
		Array.isArray(types) &&
		types.includes('OpenBadgeCredential') &&
		payload.iss === issuer?.id &&
		payload.jti === payload.id &&
		typeof payload.validFrom === 'string' &&
		payload.nbf === Math.floor(Date.parse(payload.validFrom) / 1000);
	const certificate = consistent && code ? await findCertificateByCode(db, code) : undefined;
	if (!certificate) {
		return {
			outcome: 'unknown',
			message: 'The signature is ours, but it is not on a certificate we have on record.'
		};
	}
	return { outcome: 'verified', certificate, status: await certificateStatus(db, certificate) };
}
