/**
 * Finds a Chromium for Playwright (playwright-core ships no browser). Order: the environment
 * (`CODEFLOW_CHROMIUM`, then `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH`), Playwright's own downloaded
 * browser, then Debian's `/usr/bin/chromium`. Shared by the browser tests and the suite's browser
 * driver.
 *
 *   findChromium() → { path, source } | undefined
 *   requireChromium() → path, or throws a setup error saying how to install one
 *   CHROMIUM_ARGS → launch flags that keep a headless Chromium quiet, offline and container-safe
 */
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

export interface FoundChromium {
  path: string
  /** Where the path came from, for messages. */
  source: 'CODEFLOW_CHROMIUM' | 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH' | 'playwright' | 'system'
}

export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/**
 * No sandbox (containers and CI run as root), no GPU, no QUIC, and none of the background
 * services that would phone home: the browser must make no request the test did not cause.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium | undefined {
  for (const name of ['CODEFLOW_CHROMIUM', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const) {
    const path = env[name]
    // An explicit setting is taken as is: a wrong path should fail loudly at launch, not be
    // silently replaced by another browser.
    if (path) return { path, source: name }
  }
  const bundled = playwrightChromium()
  if (bundled !== undefined && existsSync(bundled)) return { path: bundled, source: 'playwright' }
  if (existsSync(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' }
  return undefined
}

export function requireChromium(env: NodeJS.ProcessEnv = process.env): string {
  const found = findChromium(env)
  if (found) return found.path
  throw new Error(
    'No Chromium found for the browser tests. Install one with `apt-get install -y chromium` ' +
      `(it lands in ${SYSTEM_CHROMIUM}), or set CODEFLOW_CHROMIUM to the path of a Chromium/Chrome executable.`,
  )
}

function playwrightChromium(): string | undefined {
  try {
    // Throws (or names a missing file) when `playwright install chromium` was never run.
    return chromium.executablePath()
  } catch {
    return undefined
  }
}
