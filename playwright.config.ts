import { defineConfig } from '@playwright/test';

// The built server (npm run build first) on its own port and its own throwaway database.
const port = Number(process.env.E2E_PORT ?? 4310);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: process.env.CI ? 'list' : [['list']],
	timeout: 60_000,
	use: {
		baseURL,
		// The server trusts X-Forwarded-For as a proxy's (ADDRESS_HEADER below), so a test can act
		// from an address of its own; rate limits count per address.
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' },
		trace: 'retain-on-failure',
		launchOptions: {
			// Debian's Chromium: Playwright cannot download its own browser here.
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{ name: 'journeys', testIgnore: '**/enrolment-rules.e2e.ts' },
		// Changes the shipped course's enrolment rules: runs alone, once every other test is done.
		{ name: 'enrolment rules', testMatch: '**/enrolment-rules.e2e.ts', dependencies: ['journeys'] }
	],
	webServer: {
		command: 'node tests/e2e/server.js',
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			// ORIGIN must equal baseURL or SvelteKit refuses form posts as cross-site.
			ORIGIN: baseURL,
			DATABASE_URL: '.e2e-data/academy.db',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		}
	}
});
