/** The browser context the Chromium benchmarks use (playwright.bench.config.ts, and contexts a spec opens itself). */
export const CONTEXT_OPTIONS = {
  viewport: { width: 400, height: 800 },
  locale: 'it-IT',
  timezoneId: 'Europe/Rome',
} as const;
