import { defineConfig } from '@playwright/test';

/**
 * E2E tests drive the built renderer (out/renderer, from `electron-vite build`) in Debian's
 * Chromium, served by the web server that tests/e2e/fixtures.ts starts per test with its own
 * data folder. Playwright's own browsers cannot be downloaded on these machines.
 */
export default defineConfig({
  // e2e: the functional suite; perf: timing bars (tests/perf/thresholds.ts), run after everything else.
  projects: [
    { name: 'e2e', testDir: 'tests/e2e', testMatch: '**/*.spec.ts' },
    { name: 'perf', testDir: 'tests/perf', testMatch: '**/*.spec.ts' },
  ],
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    locale: 'zh-CN',
    viewport: { width: 1100, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
});
