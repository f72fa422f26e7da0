import { describe, expect, it } from 'vitest'
import { findChromium, requireChromium, SYSTEM_CHROMIUM } from '../support/find-chromium.js'

const PLAYWRIGHT = '/cache/ms-playwright/chromium/chrome'
const existing =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path)

describe('finding Chromium', () => {
  it('prefers CODEFLOW_CHROMIUM over everything else', () => {
    const found = findChromium({
      env: { CODEFLOW_CHROMIUM: '/opt/chrome', PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: '/opt/other' },
      exists: existing('/opt/chrome', '/opt/other', PLAYWRIGHT, SYSTEM_CHROMIUM),
      playwrightPath: () => PLAYWRIGHT,
    })
    expect(found).toEqual({ path: '/opt/chrome', source: 'CODEFLOW_CHROMIUM' })
  })

  it('takes PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH next', () => {
    const found = findChromium({
      env: { PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: '/opt/other' },
      exists: existing('/opt/other', PLAYWRIGHT, SYSTEM_CHROMIUM),
      playwrightPath: () => PLAYWRIGHT,
    })
    expect(found?.source).toBe('PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH')
  })

  it("takes Playwright's own browser only when its file exists, then the system one", () => {
    const lookup = { env: {}, playwrightPath: () => PLAYWRIGHT }
    expect(findChromium({ ...lookup, exists: existing(PLAYWRIGHT, SYSTEM_CHROMIUM) })?.source).toBe('playwright')
    expect(findChromium({ ...lookup, exists: existing(SYSTEM_CHROMIUM) })).toEqual({
      path: SYSTEM_CHROMIUM,
      source: 'system',
    })
  })

  it('fails with the install command when no browser is found', () => {
    expect(() => requireChromium({ env: {}, exists: existing(), playwrightPath: () => undefined })).toThrow(
      'apt-get install -y chromium',
    )
  })

  it('fails, naming the variable, when CODEFLOW_CHROMIUM points nowhere', () => {
    expect(() => requireChromium({ env: { CODEFLOW_CHROMIUM: '/nope' }, exists: existing() })).toThrow(
      /CODEFLOW_CHROMIUM is set to "\/nope".*apt-get install -y chromium/,
    )
  })
})
