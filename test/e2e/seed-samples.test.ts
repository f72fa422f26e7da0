/**
 * The vendor integration guide's samples (fixtures/seed-samples.ts), run as written against the
 * mock IdP's default config, after logging in through the real pages. The samples live in
 * fixtures/seed-samples.ts; every deviation from them is one of the guide's errata, handled here
 * explicitly:
 *
 *   - `client_id=someClientId` is a placeholder: the RFC 6749 example client `s6BhdRkqt3` (the one
 *     the guide's Basic header authenticates) is substituted;
 *   - the stray `?` at the end of redirect_uri is kept: the default config registers both
 *     `https://client.example.org/cb` and `https://client.example.org/cb?`, and matching is exact;
 *   - `Content-Type: application/json` on a form body: refused by default, accepted with
 *     `errata.acceptJsonContentType`;
 *   - the elided code `SplxlOBe....S6WxSbIA` is no code at all, so the request as written gets
 *     `invalid_grant`; the other requests carry the code the authorization request returned.
 */
import * as cheerio from 'cheerio'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedSamples } from '../../fixtures/seed-samples.js'
import { type RunningMockIdp, serveMockIdp } from '../../mock-idp/server.js'
import { Browser } from '../support/login-flow.js'

const { authorizationRequest, tokenRequest, tokenResponse, client, user } = seedSamples
const GUIDE_REDIRECT_URI = 'https://client.example.org/cb?'
const PLAIN_REDIRECT_URI = 'https://client.example.org/cb'

let strict: RunningMockIdp
let lenient: RunningMockIdp

beforeAll(async () => {
  strict = await serveMockIdp({ port: 0, log: { level: 'silent' } })
  lenient = await serveMockIdp({ port: 0, log: { level: 'silent' }, errata: { acceptJsonContentType: true } })
})

afterAll(async () => {
  await strict?.close()
  await lenient?.close()
})

/** The guide's authorization query, with only the placeholder client_id replaced. */
function guideQuery(): string {
  const query = authorizationRequest.query.replace(
    `client_id=${authorizationRequest.placeholderClientId}`,
    `client_id=${client.client_id}`,
  )
  // The substitution must have happened, and nothing else may differ from the guide.
  expect(query).not.toBe(authorizationRequest.query)
  return query
}

/**
 * Sends the authorization request with the raw query (no re-encoding), signs alice in on the
 * login page, approves on the consent page, and returns the final redirect to the client.
 */
async function authorize(idp: RunningMockIdp, rawQuery: string): Promise<{ status: number; location: string }> {
  const browser = new Browser()
  let response = await browser.request(`${idp.url}${authorizationRequest.path}?${rawQuery}`, {
    method: authorizationRequest.method,
  })
  for (let step = 0; step < 6; step++) {
    if (response.status === 302 || response.status === 303) {
      const location = response.headers.get('location')!
      if (!location.startsWith(idp.url)) return { status: response.status, location }
      response = await browser.get(location)
      continue
    }
    const $ = cheerio.load(await response.text())
    const form = $('form[data-testid="login-form"], form[data-testid="consent-form"]')
    expect(form.length, `expected the login or consent page, got ${response.status}: ${$.text().slice(0, 200)}`).toBe(1)
    const fields = new URLSearchParams()
    for (const input of form.find('input[type="hidden"]').toArray()) {
      fields.set($(input).attr('name')!, $(input).attr('value') ?? '')
    }
    if (form.attr('data-testid') === 'login-form') {
      fields.set('username', user.username)
      fields.set('password', user.password)
      fields.set('action', 'login')
    } else {
      fields.set('decision', 'approve')
    }
    response = await browser.postForm(new URL(form.attr('action')!, idp.url).href, fields)
  }
  throw new Error('the authorization request did not come back to the client')
}

function codeOf(location: string): string {
  const code = new URL(location).searchParams.get('code')
  expect(code, location).not.toBeNull()
  return code!
}

/** The guide's token request with its elided code replaced by a real one. */
function bodyWithCode(code: string): string {
  return tokenRequest.body.replace(tokenRequest.sampleCode, code)
}

function postToken(idp: RunningMockIdp, body: string, contentType: string = tokenRequest.headers['Content-Type']) {
  return fetch(`${idp.url}${tokenRequest.path}`, {
    method: tokenRequest.method,
    headers: { ...tokenRequest.headers, 'Content-Type': contentType },
    body,
  })
}

describe('the integration guide samples', () => {
  it('answers the guide authorization request (client_id substituted) with the code, state and iss at the "cb?" redirect_uri', async () => {
    const { status, location } = await authorize(strict, guideQuery())
    expect([302, 303]).toContain(status)
    const iss = encodeURIComponent(strict.issuer)
    // Appended to the registered "…/cb?" as is: no doubled "?", state byte for byte, RFC 9207 iss.
    expect(location).toMatch(
      new RegExp(`^https://client\\.example\\.org/cb\\?code=[A-Za-z0-9_-]{20,}&state=af0ifjsldkj&iss=${iss}$`),
    )
    expect(location).not.toContain('??')
  })

  it('answers the same request with the redirect_uri without the stray "?"', async () => {
    const query = guideQuery().replace('cb?&', 'cb&')
    const { location } = await authorize(strict, query)
    expect(location).toMatch(/^https:\/\/client\.example\.org\/cb\?code=[A-Za-z0-9_-]{20,}&state=af0ifjsldkj&iss=/)
  })

  it('refuses the guide token request as written (JSON Content-Type) with invalid_request, and keeps the code usable', async () => {
    const code = codeOf((await authorize(strict, guideQuery())).location)
    const refused = await postToken(strict, bodyWithCode(code))
    expect(refused.status).toBe(400)
    const error = await refused.json()
    expect(error.error).toBe('invalid_request')
    expect(error.error_description).toContain('application/x-www-form-urlencoded')
    expect(error.error_description).toContain('errata.acceptJsonContentType')

    // The refusal happened before the code was looked at: the corrected request redeems it.
    const corrected = await postToken(strict, bodyWithCode(code), 'application/x-www-form-urlencoded')
    expect(corrected.status).toBe(200)
  })

  it('answers the guide token request with exactly the guide fields (plus scope), and UserInfo with the scopes claims', async () => {
    const code = codeOf((await authorize(strict, guideQuery())).location)
    const response = await postToken(strict, bodyWithCode(code), 'application/x-www-form-urlencoded')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = await response.json()
    expect(Object.keys(body).sort()).toEqual([...Object.keys(tokenResponse), 'scope'].sort())
    expect(body).toMatchObject({
      token_type: tokenResponse.token_type,
      expires_in: tokenResponse.expires_in,
      scope: 'openid profile user_profile additional_info',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      id_token: expect.any(String),
    })
    const idToken = decodeJwt(body.id_token)
    expect(idToken).toMatchObject({ iss: strict.issuer, aud: client.client_id, sub: user.sub })

    const userinfo = await fetch(`${strict.url}/userinfo`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    })
    expect(userinfo.status).toBe(200)
    const claims = await userinfo.json()
    expect(claims).toMatchObject({
      sub: user.sub,
      // profile
      name: 'Alice Liddell',
      given_name: 'Alice',
      family_name: 'Liddell',
      // user_profile
      preferred_username: 'alice',
      department: 'Research',
      job_title: 'Explorer',
      // additional_info
      phone_number: '+44 20 7946 0001',
      birthdate: '1852-05-04',
      address: { locality: 'Oxford', country: 'GB' },
    })
    // Nothing beyond the requested scopes: no email scope was asked for.
    expect(claims).not.toHaveProperty('email')
  })

  it('accepts the guide token request as written when errata.acceptJsonContentType is set', async () => {
    const code = codeOf((await authorize(lenient, guideQuery())).location)
    const response = await postToken(lenient, bodyWithCode(code))
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 599 })
  })

  it('answers the elided sample code with invalid_grant', async () => {
    const asWritten = await postToken(lenient, tokenRequest.body)
    expect(asWritten.status).toBe(400)
    expect((await asWritten.json()).error).toBe('invalid_grant')

    const formLabelled = await postToken(strict, tokenRequest.body, 'application/x-www-form-urlencoded')
    expect(formLabelled.status).toBe(400)
    expect((await formLabelled.json()).error).toBe('invalid_grant')
  })

  it('refuses to redeem a code issued for "…/cb?" with "…/cb" (exact redirect_uri binding)', async () => {
    const code = codeOf((await authorize(strict, guideQuery())).location)
    const response = await postToken(
      strict,
      new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: PLAIN_REDIRECT_URI }).toString(),
      'application/x-www-form-urlencoded',
    )
    expect(response.status).toBe(400)
    const error = await response.json()
    expect(error.error).toBe('invalid_grant')
    // Both values are named, whatever quotes the description uses (RFC 6749 §5.2 forbids '"').
    expect(error.error_description).toMatch(/https:\/\/client\.example\.org\/cb['"]/)
    expect(error.error_description).toContain(GUIDE_REDIRECT_URI)
  })

  it('refuses to redeem a code issued for "…/cb" with "…/cb?"', async () => {
    const code = codeOf((await authorize(strict, guideQuery().replace('cb?&', 'cb&'))).location)
    const response = await postToken(strict, bodyWithCode(code), 'application/x-www-form-urlencoded')
    expect(response.status).toBe(400)
    expect((await response.json()).error).toBe('invalid_grant')
  })
})
