/**
 * The whole conformance suite against oauth2-mock-server (v8), a deliberately lax mock: its
 * authorize handler redirects to whatever "redirect_uri" it is given, for any "client_id", with no
 * login; its token handler issues tokens for any code, client and secret, checks "code_verifier"
 * only when one is sent, and never compares "redirect_uri"; its UserInfo answers { sub: "johndoe" }
 * to anyone (read in its README and its OAuth2Service class). Each of those is asserted below as
 * the failed check that must catch it.
 */
import { OAuth2Server } from 'oauth2-mock-server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeResults, runWholeSuite, withOutcome } from './suite-support.js'

const REDIRECT_URIS = ['http://localhost:3000/callback', 'http://localhost:3000/callback2']

/** Check id → the laxness (read in oauth2-mock-server's source) it must catch. */
const PREDICTED_FAILURES = {
  'authz.client-id-unknown': 'authorizeHandler never reads client_id: an unknown client gets a code',
  'authz.redirect-uri-unregistered': 'authorizeHandler redirects to any redirect_uri (an open redirector)',
  'code.bogus-code': 'tokenHandler issues tokens for any "code" string',
  'token.auth-wrong-secret': 'tokenHandler never checks client credentials',
  'token.redirect-uri-mismatch': 'tokenHandler never compares redirect_uri with the authorization request',
  'token.code-bound-to-client': "one client's code is redeemed by another",
  'pkce.missing-verifier': 'code_verifier is checked only "if (code_verifier in body && code in body)"',
  'ui.no-token': 'userInfoHandler answers { sub: "johndoe" } without a bearer token',
  'rt.bogus-rt': 'grant_type=refresh_token issues tokens for any refresh_token',
  // Wrong error codes where RFC 6749 §5.2 or RFC 7636 §4.6 names exactly one (docs/verdict-rules.md):
  // every failed assertion in tokenHandler becomes errorHandler's invalid_request.
  'code.single-use-immediate':
    'a replayed code finds its code_challenge deleted: AssertionError "code_challenge required" → invalid_request, not invalid_grant',
  'code.single-use-delayed': 'the same AssertionError → invalid_request for a code replayed after 1 s',
  'pkce.wrong-verifier':
    'AssertionError "code_verifier provided does not match code_challenge" → invalid_request, not invalid_grant (RFC 7636 §4.6)',
  'pkce.s256-to-plain-downgrade': 'the same mismatch AssertionError → invalid_request, not invalid_grant',
  'token.grant-type-missing-or-unknown':
    'an unknown grant_type falls to "default: invalid_grant", not unsupported_grant_type',
} as const

let server: OAuth2Server

beforeAll(async () => {
  server = new OAuth2Server()
  await server.issuer.keys.generate('RS256')
  await server.start(0, '127.0.0.1')
})

afterAll(async () => {
  await server?.stop()
})

it('fails each check its documented laxness predicts', { timeout: 180_000 }, async () => {
  const run = await runWholeSuite({
    name: 'oauth2-mock-server',
    issuer: server.issuer.url,
    clients: [
      {
        client_id: 'lax-basic',
        client_secret: 'lax-basic-secret',
        redirect_uris: REDIRECT_URIS,
        scope: 'openid profile email',
      },
      {
        client_id: 'lax-post',
        client_secret: 'lax-post-secret',
        token_endpoint_auth_method: 'client_secret_post',
        redirect_uris: REDIRECT_URIS,
        scope: 'openid profile email',
      },
      { client_id: 'lax-public', token_endpoint_auth_method: 'none', redirect_uris: REDIRECT_URIS, scope: 'openid' },
    ],
    users: [{ username: 'johndoe', password: 'any-password' }],
    // No login page, no session: it redirects straight back.
    capabilities: { sso_session: false, consent_page: false },
  })
  const failed = new Set(withOutcome(run, 'failed').map((result) => result.id))
  const missed = Object.entries(PREDICTED_FAILURES)
    .filter(([id]) => !failed.has(id))
    .map(([id, why]) => `${id}: ${why} — got ${run.results.find((result) => result.id === id)?.outcome ?? 'no result'}`)
  expect(
    missed,
    `not caught:\n${missed.join('\n')}\n\nall failures:\n${describeResults(withOutcome(run, 'failed')).join('\n')}`,
  ).toEqual([])
})
