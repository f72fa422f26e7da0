import { expect, it } from 'vitest'
import type { AnyCheck } from '../../harness/check.js'
import { callResult, judge, oauthError, tokens } from '../../test-support/refresh-evidence.js'
import accessToken from './checks/access-token.js'
import atCascadesRt from './checks/at-cascades-rt.js'
import clientAuthRequired from './checks/client-auth-required.js'
import idempotent from './checks/idempotent.js'
import invalidToken200 from './checks/invalid-token-200.js'
import otherClientsToken from './checks/other-clients-token.js'
import refreshToken from './checks/refresh-token.js'
import requestShape from './checks/request-shape.js'
import rtCascadesAt from './checks/rt-cascades-at.js'
import unsupportedTokenType from './checks/unsupported-token-type.js'
import wrongHint from './checks/wrong-hint.js'
import type { RevocationEvidence } from './gather/revocation-flows.js'

const ok = () => callResult(200)
const dead = { alive: false, how: 'userinfo' as const }
const alive = { alive: true, how: 'userinfo' as const }

function revocation(change: (evidence: RevocationEvidence) => void = () => {}): { revocation: RevocationEvidence } {
  const value: RevocationEvidence = {
    clientId: 'c',
    invalidToken: ok(),
    unknownHint: ok(),
    otherClient: {
      clientId: 'd',
      accessToken: { revoke: oauthError('invalid_grant'), after: alive },
      refreshToken: { revoke: oauthError('invalid_grant'), refreshAfter: tokens({ access_token: 'a' }) },
    },
    withoutAuthentication: { revoke: oauthError('invalid_client', 401), after: alive },
    requestShape: {
      get: callResult(405),
      json: oauthError('invalid_request'),
      missingToken: oauthError('invalid_request'),
      after: alive,
    },
    refreshToken: { revoke: ok(), again: ok(), refreshAfter: oauthError('invalid_grant'), accessTokenAfter: dead },
    accessToken: { revoke: ok(), after: dead, refreshAfter: tokens({ access_token: 'a' }) },
    wrongHint: {
      refreshToken: { revoke: ok(), refreshAfter: oauthError('invalid_grant') },
      accessToken: { revoke: ok(), after: dead },
    },
  }
  change(value)
  return { revocation: value }
}

const cases: Array<[string, AnyCheck, { revocation: RevocationEvidence }, string]> = [
  ['rev.refresh-token passes when the revoked refresh token stops working', refreshToken, revocation(), 'pass'],
  [
    'rev.refresh-token fails when the revoked refresh token is refused with another code than invalid_grant',
    refreshToken,
    revocation((r) => {
      if (!('unavailable' in r.refreshToken)) r.refreshToken.refreshAfter = oauthError('invalid_request')
    }),
    'fail',
  ],
  [
    'rev.refresh-token fails when the revoked refresh token still refreshes',
    refreshToken,
    revocation((r) => {
      r.refreshToken = { revoke: ok(), again: ok(), refreshAfter: tokens({}), accessTokenAfter: alive }
    }),
    'fail',
  ],
  ['rev.access-token passes when UserInfo refuses the revoked access token', accessToken, revocation(), 'pass'],
  [
    'rev.access-token fails when the revoked access token still works',
    accessToken,
    revocation((r) => {
      r.accessToken.after = alive
    }),
    'fail',
  ],
  [
    'rev.access-token skips when liveness cannot be observed',
    accessToken,
    revocation((r) => {
      r.accessToken.after = { how: 'none' }
    }),
    'skip',
  ],
  ['rev.rt-cascades-at passes when the access token dies with its refresh token', rtCascadesAt, revocation(), 'pass'],
  [
    'rev.rt-cascades-at fails when the access token survives',
    rtCascadesAt,
    revocation((r) => {
      r.refreshToken = { revoke: ok(), again: ok(), refreshAfter: oauthError('invalid_grant'), accessTokenAfter: alive }
    }),
    'fail',
  ],
  ['rev.at-cascades-rt reports that the refresh token survives', atCascadesRt, revocation(), 'info'],
  [
    'rev.at-cascades-rt skips without a refresh token',
    atCascadesRt,
    revocation((r) => {
      r.accessToken = { revoke: ok(), after: dead }
    }),
    'skip',
  ],
  ['rev.client-auth-required passes 401 invalid_client with the token alive', clientAuthRequired, revocation(), 'pass'],
  [
    'rev.client-auth-required fails when the token was revoked without credentials',
    clientAuthRequired,
    revocation((r) => {
      r.withoutAuthentication = { revoke: ok(), after: dead }
    }),
    'fail',
  ],
  [
    'rev.client-auth-required warns on a 200 that revoked nothing',
    clientAuthRequired,
    revocation((r) => {
      r.withoutAuthentication = { revoke: ok(), after: alive }
    }),
    'warn',
  ],
  [
    'rev.client-auth-required passes invalid_request for a request naming no client at all',
    clientAuthRequired,
    revocation((r) => {
      r.withoutAuthentication = { revoke: oauthError('invalid_request'), after: alive }
    }),
    'pass',
  ],
  [
    'rev.client-auth-required only warns on another code, since the case is left open',
    clientAuthRequired,
    revocation((r) => {
      r.withoutAuthentication = { revoke: oauthError('unauthorized_client'), after: alive }
    }),
    'warn',
  ],
  [
    'rev.request-shape fails when a request without "token" is refused with another code than invalid_request',
    requestShape,
    revocation((r) => {
      r.requestShape = { ...r.requestShape, missingToken: oauthError('invalid_client', 401) }
    }),
    'fail',
  ],
  ['rev.other-clients-token passes a refusal that leaves the tokens alive', otherClientsToken, revocation(), 'pass'],
  [
    'rev.other-clients-token passes a 200 no-op that leaves the tokens alive',
    otherClientsToken,
    revocation((r) => {
      r.otherClient = { clientId: 'd', accessToken: { revoke: ok(), after: alive } }
    }),
    'pass',
  ],
  [
    'rev.other-clients-token fails when another client revoked the access token',
    otherClientsToken,
    revocation((r) => {
      r.otherClient = { clientId: 'd', accessToken: { revoke: ok(), after: dead } }
    }),
    'fail',
  ],
  [
    'rev.other-clients-token fails when another client revoked the refresh token',
    otherClientsToken,
    revocation((r) => {
      r.otherClient = {
        clientId: 'd',
        accessToken: { revoke: ok(), after: alive },
        refreshToken: { revoke: ok(), refreshAfter: oauthError('invalid_grant') },
      }
    }),
    'fail',
  ],
  ['rev.invalid-token-200 passes 200', invalidToken200, revocation(), 'pass'],
  [
    'rev.invalid-token-200 fails 400 for an unknown token',
    invalidToken200,
    revocation((r) => {
      r.invalidToken = oauthError('invalid_request')
    }),
    'fail',
  ],
  ['rev.wrong-hint passes when both tokens are revoked despite the hint', wrongHint, revocation(), 'pass'],
  [
    'rev.wrong-hint fails when the refresh token survives a wrong hint',
    wrongHint,
    revocation((r) => {
      r.wrongHint.refreshToken = { revoke: ok(), refreshAfter: tokens({}) }
    }),
    'fail',
  ],
  ['rev.unsupported-token-type passes an ignored hint', unsupportedTokenType, revocation(), 'pass'],
  [
    'rev.unsupported-token-type informs about unsupported_token_type',
    unsupportedTokenType,
    revocation((r) => {
      r.unknownHint = oauthError('unsupported_token_type')
    }),
    'info',
  ],
  ['rev.request-shape passes 405, 400 and invalid_request', requestShape, revocation(), 'pass'],
  [
    'rev.request-shape fails a GET that revoked the token',
    requestShape,
    revocation((r) => {
      r.requestShape = { ...r.requestShape, get: ok(), after: dead }
    }),
    'fail',
  ],
  [
    'rev.request-shape warns on an accepted JSON body',
    requestShape,
    revocation((r) => {
      r.requestShape = { ...r.requestShape, json: ok() }
    }),
    'warn',
  ],
  [
    'rev.request-shape fails a request without token that succeeds',
    requestShape,
    revocation((r) => {
      r.requestShape = { ...r.requestShape, missingToken: ok() }
    }),
    'fail',
  ],
  ['rev.idempotent passes 200 twice', idempotent, revocation(), 'pass'],
  [
    'rev.idempotent fails a 400 for the second revocation',
    idempotent,
    revocation((r) => {
      r.refreshToken = {
        revoke: ok(),
        again: oauthError('invalid_grant'),
        refreshAfter: oauthError('invalid_grant'),
        accessTokenAfter: dead,
      }
    }),
    'fail',
  ],
]

it.each(cases)('%s', (_title, check, evidence, kind) => {
  expect(judge(check, evidence).kind).toBe(kind)
})
