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
	// Time limits catch a hang; they are not speed requirements. On a loaded two-core machine the
	// longest tests (several staff made with `npm run admin`, a Vite start of 5 to 15 s each, then
	// argon2 sign-ins, axe scans, PDFs) took 50 to 75 s, against the old limit of 60. Steps waited
	// for (a redirect after a password is hashed, a page after a form post) get more than the
	// default 5 s for the same reason.
	timeout: 180_000,
	expect: { timeout: 15_000 },
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
			// E2E_DATABASE_URL=postgres://… runs the server on PostgreSQL (tests that read the
			// database directly need the SQLite file and skip there).
			DATABASE_URL: process.env.E2E_DATABASE_URL || '.e2e-data/academy.db',
			DATA_DIR: '.e2e-data',
			// Request logs only when asked for (LOG_LEVEL=info npx playwright test …).
			LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		}
	}
});
