import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: real Chromium (Debian's /usr/bin/chromium, override with CHROMIUM_PATH) against the browser host
 * (real SQLite, real HTTP on 127.0.0.1). Each test gets its own host on a free port via the `host` fixture in
 * tests/e2e/fixtures/host.ts. Never `npx playwright install`.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/fixtures/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: true,
  workers: 2,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // scripts/test-all.mjs points the JSON report at a private file (then moves it to reports/playwright.json),
  // so a concurrent ad-hoc run cannot overwrite the numbers it reads.
  reporter: [['list'], ['json', { outputFile: process.env.KIOSK_PLAYWRIGHT_JSON ?? 'reports/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1920, height: 1080 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    hasTouch: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
