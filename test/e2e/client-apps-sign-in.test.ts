/**
 * The apps `codeflow client` is pointed at (docs/client-examples.md) sign in through the mock IdP:
 * each is started from its client target file with its own command and environment, signs alice in
 * once, and the target's success matchers hold — our example app, the careless one, the
 * single-page app in Chromium, and two relying parties we did not write (Apache's
 * mod_auth_openidc and Python's Authlib, from Debian packages). Then one deviation shows what tells
 * them apart: an ID token issued to another client (OIDC Core §3.1.3.7 step 3) is refused by the
 * example app and mod_auth_openidc, and accepted by the careless app and by Authlib.
 */
import { fileURLToPath } from 'node:url'
import * as cheerio from 'cheerio'
import { type Browser as ChromiumBrowser, chromium as playwrightChromium } from 'playwright-core'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  logOnceMatched,
  type Rig,
  requireInstalled,
  requirePythonModules,
  signInOverHttp,
  signInWithChromium,
  startRig,
  unmet,
} from '../support/client-app-harness.js'
import { CHROMIUM_ARGS, requireChromium } from '../support/find-chromium.js'

const launch = playwrightChromium.launch.bind(playwrightChromium)

const target = (path: string) => fileURLToPath(new URL(`../../examples/${path}`, import.meta.url))

const rigs: Rig[] = []
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.close()))
})

async function rigFor(path: string): Promise<Rig> {
  const rig = await startRig(target(path))
  rigs.push(rig)
  return rig
}

let chromium: ChromiumBrowser | undefined
afterAll(async () => {
  await chromium?.close()
})

describe('client apps sign in through the mock IdP', () => {
  it('signs alice in to the example app (openid-client), which sends PKCE S256, state and nonce', async () => {
    const rig = await rigFor('client-app/client-target.json')
    const outcome = await signInOverHttp(rig)
    expect(unmet(rig.target.outcome.success, outcome)).toEqual([])
    expect(outcome.body).toContain('Signed in as Alice Liddell')
    const sent = Object.fromEntries(rig.idp.requests({ endpoint: 'authorization' })[0]!.params)
    expect(sent).toMatchObject({ code_challenge_method: 'S256', nonce: expect.any(String), state: expect.any(String) })
    expect(rig.idp.requests({ endpoint: 'userinfo' })[0]!.headers.authorization).toMatch(/^Bearer /)
  })

  it('refuses, in the example app, an ID token whose aud is another client', async () => {
    const rig = await rigFor('client-app/client-target.json')
    rig.idp.use({ behaviour: 'id-token-aud-other-client' })
    const outcome = await signInOverHttp(rig)
    expect(unmet(rig.target.outcome.success, outcome)).not.toEqual([])
    const log = await logOnceMatched(rig.app!, rig.target.outcome.refusal!.log!)
    expect(unmet(rig.target.outcome.refusal!, outcome, log)).toEqual([])
    expect(cheerio.load(outcome.body)('[data-testid=sign-in-error]').text()).toContain(
      'unexpected JWT "aud" (audience) claim value',
    )
    expect(log).toContain('sign-in refused: unexpected JWT "aud"')
  })

  it('signs alice in to the careless app (hand-rolled), which sends PKCE S256, state and nonce', async () => {
    const rig = await rigFor('careless-client/client-target.json')
    const outcome = await signInOverHttp(rig)
    expect(unmet(rig.target.outcome.success, outcome)).toEqual([])
    expect(outcome.body).toContain('Signed in as Alice Liddell')
    const sent = Object.fromEntries(rig.idp.requests({ endpoint: 'authorization' })[0]!.params)
    expect(sent).toMatchObject({ code_challenge_method: 'S256', nonce: expect.any(String), state: expect.any(String) })
  })

  it("signs alice in to the careless app although the ID token's aud is another client (its flaw)", async () => {
    const rig = await rigFor('careless-client/client-target.json')
    rig.idp.use({ behaviour: 'id-token-aud-other-client' })
    const outcome = await signInOverHttp(rig)
    expect(unmet(rig.target.outcome.success, outcome)).toEqual([])
    // The deviation was served: the token endpoint answered, and nothing was refused.
    expect(rig.idp.requests({ endpoint: 'token' })).toHaveLength(1)
    expect(rig.app!.log()).not.toContain('sign-in refused')
  })

  it('signs alice in to the single-page app (oauth4webapi, public client) in Chromium', async () => {
    chromium ??= await launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS })
    const rig = await rigFor('spa-client/client-target.json')
    const outcome = await signInWithChromium(rig, chromium)
    expect(unmet(rig.target.outcome.success, outcome)).toEqual([])
    expect(outcome.body).toContain('Signed in as Alice Liddell')
    const sent = Object.fromEntries(rig.idp.requests({ endpoint: 'authorization' })[0]!.params)
    expect(sent).toMatchObject({ code_challenge_method: 'S256', nonce: expect.any(String), state: expect.any(String) })
    const [token] = rig.idp.requests({ endpoint: 'token' })
    expect(token!.headers.authorization).toBeUndefined() // a public client: no secret anywhere
    expect(Object.fromEntries(token!.params)).toMatchObject({
      client_id: 'example-spa',
      code_verifier: expect.any(String),
    })
  })

  it('signs alice in to Apache httpd with mod_auth_openidc (Debian package), which sends PKCE S256, state and nonce', async () => {
    requireInstalled(['/usr/sbin/apache2'], 'apache2')
    requireInstalled(['/usr/lib/apache2/modules/mod_auth_openidc.so'], 'libapache2-mod-auth-openidc')
    const rig = await rigFor('real-clients/mod-auth-openidc/client-target.json')
    const outcome = await signInOverHttp(rig)
    expect(unmet(rig.target.outcome.success, outcome)).toEqual([])
    expect(outcome.body).toContain('Signed in as Alice Liddell')
    const sent = Object.fromEntries(rig.idp.requests({ endpoint: 'authorization' })[0]!.params)
    expect(sent).toMatchObject({ code_challenge_method: 'S256', nonce: expect.any(String), state: expect.any(String) })
    expect(rig.idp.requests({ endpoint: 'token' })[0]!.headers.authorization).toBe('Basic [REDACTED]')
  })

  it('refuses, in mod_auth_openidc, an ID token whose aud is another client, saying so in its error log', async () => {
    requireInstalled(['/usr/sbin/apache2'], 'apache2')
    requireInstalled(['/usr/lib/apache2/modules/mod_auth_openidc.so'], 'libapache2-mod-auth-openidc')
    const rig = await rigFor('real-clients/mod-auth-openidc/client-target.json')
    rig.idp.use({ behaviour: 'id-token-aud-other-client' })
    const outcome = await signInOverHttp(rig)
    expect(unmet(rig.target.outcome.success, outcome)).not.toEqual([])
    const log = await logOnceMatched(rig.app!, rig.target.outcome.refusal!.log!)
    expect(unmet(rig.target.outcome.refusal!, outcome, log)).toEqual([])
    expect(log).toMatch(/did not match the "aud" claim value \(codeflow-some-other-client\)/)
  })

  it('signs alice in to the Flask app with Authlib (Debian package), which sends PKCE S256, state and nonce', async () => {
    requirePythonModules(['authlib', 'flask', 'requests'], 'python3-authlib python3-flask python3-requests')
    const rig = await rigFor('real-clients/authlib-flask/client-target.json')
    const outcome = await signInOverHttp(rig)
    expect(unmet(rig.target.outcome.success, outcome)).toEqual([])
    expect(outcome.body).toContain('Signed in as Alice Liddell')
    const sent = Object.fromEntries(rig.idp.requests({ endpoint: 'authorization' })[0]!.params)
    expect(sent).toMatchObject({ code_challenge_method: 'S256', nonce: expect.any(String), state: expect.any(String) })
    expect(rig.idp.requests({ endpoint: 'userinfo' })[0]!.headers.authorization).toMatch(/^Bearer /)
  })

  it("signs alice in to Authlib although the ID token's aud is another client (a flaw of Authlib, OIDC Core §3.1.3.7 step 3)", async () => {
    requirePythonModules(['authlib', 'flask', 'requests'], 'python3-authlib python3-flask python3-requests')
    const rig = await rigFor('real-clients/authlib-flask/client-target.json')
    rig.idp.use({ behaviour: 'id-token-aud-other-client' })
    const outcome = await signInOverHttp(rig)
    // "The Client MUST validate that the aud (audience) Claim contains its client_id value …
    // The ID Token MUST be rejected if the ID Token does not list the Client as a valid audience."
    expect(unmet(rig.target.outcome.success, outcome)).toEqual([])
    expect(rig.idp.requests({ endpoint: 'token' })).toHaveLength(1)
    expect(rig.app!.log()).not.toContain('sign-in refused')
  })
})
