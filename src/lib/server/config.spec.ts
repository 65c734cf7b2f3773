import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IssuerSettingsError, loadIssuerSettings, missingIssuerDetails } from './config';

let dir: string;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'mmpa-config-'));
	copyFileSync('config/signature.svg', join(dir, 'signature.svg'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a settings file and loads it, without ORIGIN unless given. */
function load(settings: unknown, env: Record<string, string> = {}) {
	const file = join(dir, 'issuer.json');
	writeFileSync(file, typeof settings === 'string' ? settings : JSON.stringify(settings));
	return loadIssuerSettings(file, env);
}

function problem(settings: unknown, env: Record<string, string> = {}) {
	try {
		load(settings, env);
	} catch (error) {
		expect(error).toBeInstanceOf(IssuerSettingsError);
		return (error as Error).message;
	}
	throw new Error('expected the settings to be refused');
}

describe('loadIssuerSettings', () => {
	it('reads the shipped file', () => {
		const settings = loadIssuerSettings('config/issuer.json', {});
		expect(settings).toMatchObject({
			providerName: 'Medical Massage Practitioners of America',
			ncbtmbProviderNumber: '',
			timeZone: 'America/New_York',
			siteUrl: 'http://localhost:3000'
		});
		expect(settings.signature?.mediaType).toBe('image/svg+xml');
		expect(settings.logo?.sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('fills in the organisation’s defaults for what the file leaves out', () => {
		const settings = load({});
		expect(settings.providerName).toBe('Medical Massage Practitioners of America');
		expect(settings.signature).toBeNull();
		expect(missingIssuerDetails(settings)).toEqual([
			'providerContact (address or e-mail)',
			'ncbtmbProviderNumber',
			'floridaProviderNumber',
			'signatoryName'
		]);
	});

	it('lets ORIGIN override the site URL, which must be a bare http(s) origin', () => {
		expect(load({ siteUrl: 'https://a.example/' }).siteUrl).toBe('https://a.example');
		expect(load({ siteUrl: 'https://a.example' }, { ORIGIN: 'https://b.example' }).siteUrl).toBe(
			'https://b.example'
		);
		expect(problem({}, { ORIGIN: 'b.example' })).toMatch(/^ORIGIN \(b\.example\) must be/);
		expect(problem({ siteUrl: 'https://a.example/academy' })).toContain('field "siteUrl"');
		expect(problem({ siteUrl: 'javascript:alert(1)' })).toContain('field "siteUrl"');
	});

	it.each([
		[{ timeZone: 'Mars/Olympus' }, 'field "timeZone" must be an IANA time zone'],
		[{ providerName: '' }, 'field "providerName" must not be empty'],
		[{ providerName: 42 }, 'field "providerName" must be a string'],
		[{ ncbtmbProviderNumber: 'AP <1>' }, 'field "ncbtmbProviderNumber" may contain only'],
		[{ providerNmae: 'typo' }, 'unknown field "providerNmae"'],
		[{ signatureImage: 'missing.png' }, 'field "signatureImage" (missing.png) cannot be read'],
		[{ logoImage: 'logo.gif' }, 'field "logoImage" (logo.gif) must be a .png, .jpg or .svg file'],
		[[], 'the file must be a JSON object']
	])('refuses %j, naming the field', (settings, message) => {
		expect(problem(settings)).toContain(message);
	});

	it('refuses a file that is not JSON, naming the file', () => {
		expect(problem('{ "providerName": ')).toMatch(/issuer\.json: not JSON/);
		expect(() => loadIssuerSettings(join(dir, 'nope.json'), {})).toThrow(/nope\.json: not found/);
	});

	it('refuses an image it could not print', () => {
		writeFileSync(join(dir, 'bad.svg'), '<svg viewBox="0 0 10 10"><circle r="4"/></svg>');
		writeFileSync(join(dir, 'bad.png'), 'not a png');
		expect(problem({ logoImage: 'bad.svg' })).toContain('uses <circle>');
		expect(problem({ logoImage: 'bad.png' })).toContain('is not a PNG file');
	});
});
