/**
 * Finds a Chromium for Playwright (playwright-core ships no browser). Order: the environment
 * (`CODEFLOW_CHROMIUM`, then `PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH`), Playwright's own downloaded
 * browser, then Debian's `/usr/bin/chromium`. Used by the suite's browser
 * driver and by the browser tests (test/support/find-chromium.ts re-exports it).
 *
 *   findChromium(lookup?) → { path, source } | undefined
 *   requireChromium(lookup?) → path, or throws a setup error saying how to install one
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

/** Where to look; injectable so the lookup order is testable without touching the machine. */
export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv
  exists?: (path: string) => boolean
  playwrightPath?: () => string | undefined
}

export function findChromium(lookup: ChromiumLookup = {}): FoundChromium | undefined {
  const { env = process.env, exists = existsSync, playwrightPath = playwrightChromium } = lookup
  for (const name of ['CODEFLOW_CHROMIUM', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'] as const) {
    const path = env[name]
    // An explicit setting is taken as is: a wrong path must fail loudly (requireChromium), not be
    // silently replaced by another browser.
    if (path) return { path, source: name }
  }
  const bundled = playwrightPath()
  if (bundled !== undefined && exists(bundled)) return { path: bundled, source: 'playwright' }
  if (exists(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' }
  return undefined
}

/** The browser's path, or an error that says how to get one. */
export function requireChromium(lookup: ChromiumLookup = {}): string {
  const found = findChromium(lookup)
  const exists = lookup.exists ?? existsSync
  const howToFix = `Install Chromium with \`apt-get install -y chromium\` (it lands in ${SYSTEM_CHROMIUM}), or set CODEFLOW_CHROMIUM to the path of a Chromium/Chrome executable.`
  if (!found) throw new Error(`No Chromium found for the browser login driver and the browser tests. ${howToFix}`)
  if (
    (found.source === 'CODEFLOW_CHROMIUM' || found.source === 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH') &&
    !exists(found.path)
  ) {
    throw new Error(`${found.source} is set to "${found.path}", which does not exist. ${howToFix}`)
  }
  return found.path
}

function playwrightChromium(): string | undefined {
  try {
    // Throws (or names a missing file) when `playwright install chromium` was never run.
    return chromium.executablePath()
  } catch {
    return undefined
  }
}
