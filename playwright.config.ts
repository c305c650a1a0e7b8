/**
 * End-to-end tests (`npm run test:e2e`): the task pane in Debian's Chromium against the demo ERP and the
 * Graph simulator, all started in-process by test/e2e/fixtures.ts. Playwright downloads no browser here:
 * it drives /usr/bin/chromium (`apt-get install -y chromium`; CHROMIUM_PATH overrides the path).
 */
import { defineConfig, type LaunchOptions } from '@playwright/test';

/** Debian's Chromium, quiet and offline (also used by playwright.bench.config.ts). */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test/e2e/results',
  globalSetup: './test/e2e/global-setup.ts',
  // One worker: each runs its own ERP, simulator and pane server, and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 400, height: 800 },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
});
