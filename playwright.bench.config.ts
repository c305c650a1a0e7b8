/**
 * The Chromium benchmarks (`npm run bench:chromium`): test/bench/*.spec.ts in Debian's Chromium against
 * the demo ERP, with production builds of the pane made once before them (test/bench/global-setup.ts).
 * Measured, not tested: the specs write dev/data/bench/<part>.json and print a table; no timed assertions.
 * BENCH_RUNS sets the runs per figure (default 5); BENCH_SKIP_BUILD=1 reuses the last builds; BENCH_ITEMS
 * shrinks the 100 000-item book for a quick try of the benchmarks themselves.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './playwright.config';
import { CONTEXT_OPTIONS } from './test/bench/context-options';

export default defineConfig({
  testDir: 'test/bench',
  testMatch: '**/*.spec.ts',
  outputDir: '.cache/bench-results',
  globalSetup: './test/bench/global-setup.ts',
  // One at a time: the machine has two cores and the figures are timings.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 20 * 60_000,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    ...CONTEXT_OPTIONS,
    trace: 'off',
    screenshot: 'off',
    launchOptions: CHROMIUM_LAUNCH,
  },
});
