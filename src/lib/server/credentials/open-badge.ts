import { SignJWT } from 'jose';
import { ceHours, longDate } from '../../format';
import { siteOrigin } from '../config';
import type { Certificate } from '../db/schema';
import { verificationUrl } from '../certificates/documents';
import { ALGORITHM, keyUri, type SigningKey } from './keys';

/**
 * Each certificate as an Open Badges 3.0 OpenBadgeCredential (W3C Verifiable Credentials Data
 * Model 2.0), signed as a VC-JWT (Open Badges 3.0, section 8.2): the JWT payload is the
 * credential itself plus the iss, jti and nbf claims that mirror it. Built only from the
 * certificate's snapshot and signed with a deterministic Ed25519 signature, so downloading it
 * twice gives the same token.
 */

export const CONTEXTS = [
	'https://www.w3.org/ns/credentials/v2',
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
] as const;

const SCHEMA =
	'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/** Where the issuer profile of a site is published. */
export function issuerId(site: string): string {
	return `${site}/issuer`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface IdentifierEntry {
	type: 'IdentifierEntry';
	identifier: string;
	identifierType: string;
}

function identifiers(entries: [string, string | null][]): IdentifierEntry[] | undefined {
	const present = entries.filter((entry): entry is [string, string] => Boolean(entry[1]));
	if (present.length === 0) return undefined;
	return present.map(([identifierType, identifier]) => ({
		type: 'IdentifierEntry',
		identifier,
		identifierType
	}));
}

/** The issuer Profile: in each credential as it was at issue, and at /issuer as it is now. */
export function issuerProfile(
	site: string,
	provider: {
		name: string;
		contact: string;
		ncbtmbNumber: string | null;
		floridaNumber: string | null;
	}
) {
	return {
		id: issuerId(site),
		type: ['Profile'],
		name: provider.name,
		url: site,
		...(EMAIL.test(provider.contact) ? { email: provider.contact } : {}),
		...(provider.contact && !EMAIL.test(provider.contact) ? { description: provider.contact } : {}),
		otherIdentifier: identifiers([
			['ext:NCBTMBApprovedProviderNumber', provider.ncbtmbNumber],
			['ext:FloridaCEProviderNumber', provider.floridaNumber]
		])
	};
}

/** Seconds-precision UTC timestamp, as JWT NumericDate and DateTimeZ agree on it. */
function dateTimeZ(iso: string): string {
	return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function openBadgeCredential(certificate: Certificate) {
	const site = certificate.site_url ?? siteOrigin();
	const hours = ceHours(certificate.ce_hours);
	const completed = longDate(certificate.completion_date);
	return {
		'@context': [...CONTEXTS],
		id: verificationUrl(certificate),
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		issuer: issuerProfile(site, {
			name: certificate.provider_name,
			contact: certificate.provider_contact,
			ncbtmbNumber: certificate.provider_ncbtmb_number,
			floridaNumber: certificate.provider_florida_number
		}),
		validFrom: dateTimeZ(certificate.issued_at),
		name: certificate.course_title,
		description: `${hours}, ${certificate.course_type}, completed ${completed}. Certificate ${certificate.code}.`,
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: [
				{
					type: 'IdentityObject',
					identityHash: certificate.holder_name,
					identityType: 'name',
					hashed: false
				}
			],
			creditsEarned: certificate.ce_hours,
			achievement: {
				id: `${site}/courses/${certificate.course_id}`,
				type: ['Achievement'],
				achievementType: 'Course',
				name: certificate.course_title,
				description: `A ${certificate.course_type.toLowerCase()} continuing-education course for licensed massage therapists, approved for ${hours}.`,
				criteria: {
					narrative:
						'Complete every required lesson and pass every required quiz, graded by the provider, at the passing grade the course states.'
				},
				creditsAvailable: certificate.ce_hours,
				fieldOfStudy: 'Medical massage therapy',
				otherIdentifier: identifiers([
					['ext:NCBTMBCourseApprovalNumber', certificate.ncbtmb_approval_number],
					['ext:FloridaProgramNumber', certificate.florida_program_number]
				])
			}
		},
		credentialSchema: [{ id: SCHEMA, type: '1EdTechJsonSchemaValidator2019' }]
	};
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/** The credential as a compact JWS (VC-JWT), ready to download as a .jwt file. */
export async function signCredential(certificate: Certificate, key: SigningKey): Promise<string> {
	const credential = openBadgeCredential(certificate);
	const site = certificate.site_url ?? siteOrigin();
	// JSON drops undefined members, as the serialization rules require of absent values.
	const payload = JSON.parse(JSON.stringify(credential)) as Record<string, unknown>;
	return new SignJWT(payload)
		.setProtectedHeader({ alg: ALGORITHM, kid: keyUri(site, key.thumbprint), typ: 'JWT' })
		.setIssuer(credential.issuer.id)
		.setJti(credential.id)
		.setNotBefore(Math.floor(new Date(credential.validFrom).getTime() / 1000))
		.sign(key.privateKey);
}
