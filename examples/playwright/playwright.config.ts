/**
 * Playwright Test config for the examples (`npx playwright test -c examples/playwright/playwright.config.ts`).
 * Playwright downloads no browser here: the Chromium comes from findChromium() (CODEFLOW_CHROMIUM,
 * Playwright's own, then /usr/bin/chromium), and none found is an error that says what to install.
 */
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, requireChromium } from '../../suites/drivers/find-chromium.js'

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Outside the source tree (.tmp/ is git-ignored): traces and the last-run file.
  outputDir: '../../.tmp/playwright/test-results',
  workers: 2,
  forbidOnly: true,
  reporter: 'list',
  timeout: 30_000,
  use: {
    headless: true,
    launchOptions: { executablePath: requireChromium(), args: CHROMIUM_ARGS },
  },
})
