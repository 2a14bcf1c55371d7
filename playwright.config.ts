import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests drive a running server; they do not start one here (no webServer): the e2e suite's
 * global setup starts the app with its database. Point E2E_BASE_URL elsewhere to test another
 * instance. Use http://localhost, not an IP: WebAuthn needs a secure context and a domain RP ID.
 */
const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:3100';

// Debian's Chromium (`apt-get install -y chromium`); `npx playwright install` cannot download here.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

// Global setup/teardown belong to the e2e suite; they are picked up once they exist.
const globalSetup = ['e2e/global-setup.ts'].find((f) => existsSync(f));
const globalTeardown = ['e2e/global-teardown.ts'].find((f) => existsSync(f));

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  // CI runs on a loaded two-core machine: a test that fails once is run again (a serial group
  // whole) and, if it then passes, is reported as flaky by name (scripts/test.mjs) rather than hidden.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e.json' }],
  ],
  ...(globalSetup ? { globalSetup: `./${globalSetup}` } : {}),
  ...(globalTeardown ? { globalTeardown: `./${globalTeardown}` } : {}),
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
});
