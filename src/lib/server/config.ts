import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { z } from 'zod';
import {
	IMAGE_TYPES,
	ImageError,
	parseImage,
	type ImageMediaType
} from './certificates/pdf/images';

/**
 * The issuer's settings: who issues our certificates and how they print. They live in one JSON
 * file (`config/issuer.json`, or the file named by ISSUER_CONFIG), validated when the server
 * starts so that a mistake stops it with a message naming the field. Certificates copy what they
 * print at issue time, so editing this file never changes a certificate already issued.
 */

export const DEFAULT_ISSUER_CONFIG = 'config/issuer.json';

/** An image printed on certificates, kept as the file's bytes so that a snapshot can store it. */
export interface IssuerImage {
	mediaType: ImageMediaType;
	bytes: Uint8Array;
	/** Hex SHA-256 of the bytes: the image's identity in the certificate snapshot. */
	sha256: string;
}

export interface IssuerSettings {
	providerName: string;
	/** Postal address or e-mail address printed on certificates. */
	providerContact: string;
	/** NCBTMB Approved Provider number; '' until the organisation has one (nothing is printed). */
	ncbtmbProviderNumber: string;
	/** Florida CE provider number; '' when unset (nothing is printed). */
	floridaProviderNumber: string;
	signatoryName: string;
	signatoryTitle: string;
	signature: IssuerImage | null;
	logo: IssuerImage | null;
	/** IANA time zone of the organisation: certificate dates are calendar dates there. */
	timeZone: string;
	/** Public origin, e.g. https://academy.example.org: QR codes, links and credential ids. */
	siteUrl: string;
}

const text = (max: number) =>
	z
		.string({ error: 'must be a string' })
		.trim()
		.max(max, `must be at most ${max} characters`)
		.refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), 'must not contain control characters');

// Provider and program numbers as boards write them: letters, digits and a few separators.
const registrationNumber = text(40).regex(
	/^[A-Za-z0-9 .#/-]*$/,
	'may contain only letters, digits, spaces and . # / -'
);

function isTimeZone(value: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: value });
		return true;
	} catch {
		return false;
	}
}

/** An http(s) origin without path, query or fragment (the app is served at the site root). */
export function parseSiteUrl(value: string): string | undefined {
	try {
		const url = new URL(value.trim());
		const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
		return (url.protocol === 'https:' || url.protocol === 'http:') && bare ? url.origin : undefined;
	} catch {
		return undefined;
	}
}

const siteUrl = z
	.string({ error: 'must be a string' })
	.refine((value) => parseSiteUrl(value) !== undefined, {
		message: 'must be an http(s) origin such as https://academy.example.org (no path)'
	});

const fileSchema = z.strictObject(
	{
		$comment: z.string().optional(),
		providerName: text(200)
			.min(1, 'must not be empty')
			.default('Medical Massage Practitioners of America'),
		providerContact: text(300).default(''),
		ncbtmbProviderNumber: registrationNumber.default(''),
		floridaProviderNumber: registrationNumber.default(''),
		signatoryName: text(120).default(''),
		signatoryTitle: text(120).default(''),
		signatureImage: z.string({ error: 'must be a file name' }).default(''),
		logoImage: z.string({ error: 'must be a file name' }).default(''),
		timeZone: z
			.string({ error: 'must be a string' })
			.refine(isTimeZone, 'must be an IANA time zone such as America/New_York')
			.default('America/New_York'),
		siteUrl: siteUrl.default('http://localhost:3000')
	},
	{ error: 'must be a JSON object' }
);

/** A settings file that cannot be used; the message names the file and the field. */
export class IssuerSettingsError extends Error {
	override name = 'IssuerSettingsError';
}

function readImage(configFile: string, field: string, name: string): IssuerImage | null {
	if (!name.trim()) return null;
	const path = resolve(dirname(configFile), name.trim());
	const mediaType = IMAGE_TYPES[extname(path).toLowerCase() as keyof typeof IMAGE_TYPES];
	const problem = (message: string) =>
		new IssuerSettingsError(`${configFile}: field "${field}" (${name}) ${message}`);
	if (!mediaType) throw problem('must be a .png, .jpg or .svg file');
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(path));
	} catch {
		throw problem(`cannot be read (looked for ${path})`);
	}
	try {
		parseImage(bytes, mediaType);
	} catch (error) {
		if (error instanceof ImageError || error instanceof TypeError) throw problem(error.message);
		throw error;
	}
	return { mediaType, bytes, sha256: encodeHexLowerCase(sha256(bytes)) };
}

/**
 * Reads and validates the settings file. ORIGIN, which adapter-node also reads, overrides the
 * file's siteUrl so that one build serves any address.
 */
export function loadIssuerSettings(
	file = process.env.ISSUER_CONFIG || DEFAULT_ISSUER_CONFIG,
	env: Record<string, string | undefined> = process.env
): IssuerSettings {
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'not JSON';
		throw new IssuerSettingsError(`${file}: ${reason}: ${(error as Error).message}`);
	}
	const parsed = fileSchema.safeParse(data);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => {
			if (issue.code === 'unrecognized_keys') {
				return issue.keys.map((key) => `unknown field "${key}"`).join('; ');
			}
			const field = issue.path.length ? `field "${issue.path.join('.')}"` : 'the file';
			return `${field} ${issue.message}`;
		});
		throw new IssuerSettingsError(`${file}: ${problems.join('; ')}`);
	}
	const settings = parsed.data;
	let site = parseSiteUrl(settings.siteUrl)!;
	if (env.ORIGIN) {
		const origin = parseSiteUrl(env.ORIGIN);
		if (!origin) {
			throw new IssuerSettingsError(
				`ORIGIN (${env.ORIGIN}) must be an http(s) origin such as https://academy.example.org`
			);
		}
		site = origin;
	}
	return {
		providerName: settings.providerName,
		providerContact: settings.providerContact,
		ncbtmbProviderNumber: settings.ncbtmbProviderNumber,
		floridaProviderNumber: settings.floridaProviderNumber,
		signatoryName: settings.signatoryName,
		signatoryTitle: settings.signatoryTitle,
		signature: readImage(file, 'signatureImage', settings.signatureImage),
		logo: readImage(file, 'logoImage', settings.logoImage),
		timeZone: settings.timeZone,
		siteUrl: site
	};
}

let cached: IssuerSettings | undefined;

/** The app's settings, read on first use; the server's init hook reads them at start. */
export function issuerSettings(): IssuerSettings {
	cached ??= loadIssuerSettings();
	return cached;
}

/** What a board expects and the settings leave empty: said once at start, never guessed. */
export function missingIssuerDetails(settings: IssuerSettings): string[] {
	return [
		!settings.providerContact && 'providerContact (address or e-mail)',
		!settings.ncbtmbProviderNumber && 'ncbtmbProviderNumber',
		!settings.floridaProviderNumber && 'floridaProviderNumber',
		!settings.signatoryName && 'signatoryName'
	].filter((field): field is string => Boolean(field));
}

/**
 * The public origin used in absolute links (certificate QR codes, credentials): configured, never
 * taken from a request's Host header, which a client controls.
 */
export function siteOrigin(): string {
	return issuerSettings().siteUrl;
}
