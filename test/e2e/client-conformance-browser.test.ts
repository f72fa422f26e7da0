import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { findChromium } from '../../suites/drivers/find-chromium.js'
import { codeflowClient, readReportIn } from '../support/codeflow-client.js'

const SPA_TARGET = 'examples/spa-client/client-target.json'
const work = mkdtempSync(join(tmpdir(), 'codeflow-client-browser-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

it('signs the single-page app in through Chromium under every check, and it passes them all', async () => {
  if (!findChromium()) throw new Error('Chromium is needed: apt-get install -y chromium, or set CODEFLOW_CHROMIUM')
  const out = join(work, 'spa')
  expect((await codeflowClient(['--client-target', SPA_TARGET, '--out', out])).code).toBe(0)
  const report = readReportIn(out)
  expect(report.incomplete).toBe(false)
  const idsWith = (outcome: string) =>
    report.checks.filter((check) => check.outcome === outcome).map((check) => check.id)
  expect(idsWith('failed')).toEqual([])
  expect(idsWith('warning')).toEqual([])
  expect(idsWith('error')).toEqual([])
  const byId = new Map(report.checks.map((check) => [check.id, check]))
  // A refusal after the code exchange, read from the page the app renders (the status stays 200).
  const audience = byId.get('client.id-token.aud-other-client')!
  expect(audience.outcome).toBe('passed')
  expect(audience.actual).toMatchObject({ outcome: 'refused', matched: ['text "Sign-in failed"'] })
  // A refusal on the start page, before the app ever leaves for the mock: discovery names another issuer.
  const discovery = byId.get('client.discovery.issuer-mismatch')!
  expect(discovery.outcome).toBe('passed')
  expect((discovery.actual as { finalPage: { url: string } }).finalPage.url).toMatch(/\/login$/)
  // Observed at the mock: the app's own token request, a public client's (no secret), with PKCE S256.
  expect(byId.get('client.requests.pkce-s256')!.outcome).toBe('passed')
  expect(byId.get('client.requests.registered-auth-method')!.outcome).toBe('passed')
  // oauth4webapi in a page that loads anew for each sign-in fetches the JWK Set afresh: a rotation is no event.
  expect(byId.get('client.keys.rotation-followed')!.outcome).toBe('passed')
}, 240_000)
