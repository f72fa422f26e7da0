import { expect, it } from 'vitest'
import type { AnyCheck } from '../../harness/check.js'
import { callResult, judge, oauthError, testTarget, tokens } from '../../test-support/refresh-evidence.js'
import active from './checks/active.js'
import afterCodeReuse from './checks/after-code-reuse.js'
import authRequired from './checks/auth-required.js'
import hintIndependent from './checks/hint-independent.js'
import inactive from './checks/inactive.js'
import metadata from './checks/metadata.js'
import requestShape from './checks/request-shape.js'
import type { IntrospectionEvidence } from './gather/introspection-flows.js'

const NOW = 1_700_000_000
const activeAnswer = (extra: Record<string, unknown> = {}) =>
  callResult(200, {
    active: true,
    scope: 'openid profile',
    client_id: 'c',
    token_type: 'Bearer',
    exp: NOW + 600,
    iat: NOW,
    sub: 'alice',
    ...extra,
  })
const inactiveAnswer = () => callResult(200, { active: false })

function introspection(change: (evidence: IntrospectionEvidence) => void = () => {}): Record<string, unknown> {
  const value: IntrospectionEvidence = {
    clientId: 'c',
    token: tokens({ access_token: 'at', scope: 'openid profile' }),
    tokenReceivedAt: NOW,
    grantedScope: ['openid', 'profile'],
    idTokenSub: 'alice',
    active: activeAnswer(),
    hints: {
      accessTokenNoHint: activeAnswer(),
      accessTokenWrongHint: activeAnswer(),
      refreshToken: { rightHint: activeAnswer(), wrongHint: activeAnswer() },
    },
    withoutAuthentication: oauthError('invalid_client', 401),
    inactive: { bogus: inactiveAnswer(), revoked: inactiveAnswer(), rotatedOut: inactiveAnswer() },
    afterCodeReuse: { replay: oauthError('invalid_grant'), introspection: inactiveAnswer() },
    requestShape: {
      get: callResult(405),
      json: oauthError('invalid_request'),
      missingToken: oauthError('invalid_request'),
      after: { how: 'none' },
    },
  }
  change(value)
  return {
    introspection: value,
    discovery: {
      metadata: { introspection_endpoint: 'https://as.example/introspect' },
      endpoints: { authorization: 'a', token: 't' },
    },
  }
}

const cases: Array<[string, AnyCheck, Record<string, unknown>, string]> = [
  ['intr.active passes an active answer consistent with the token response', active, introspection(), 'pass'],
  [
    'intr.active fails "active": false for a fresh token',
    active,
    introspection((e) => {
      e.active = inactiveAnswer()
    }),
    'fail',
  ],
  [
    'intr.active warns when client_id contradicts the token response',
    active,
    introspection((e) => {
      e.active = activeAnswer({ client_id: 'other' })
    }),
    'warn',
  ],
  [
    'intr.active warns when exp is far from expires_in',
    active,
    introspection((e) => {
      e.active = activeAnswer({ exp: NOW + 86_400 })
    }),
    'warn',
  ],
  [
    'intr.active informs when optional members are left out',
    active,
    introspection((e) => {
      e.active = callResult(200, { active: true })
    }),
    'info',
  ],
  ['intr.inactive passes {"active": false} for every inactive token', inactive, introspection(), 'pass'],
  [
    'intr.inactive fails a revoked token reported active',
    inactive,
    introspection((e) => {
      e.inactive.revoked = activeAnswer()
    }),
    'fail',
  ],
  [
    'intr.inactive warns about extra members on an inactive answer',
    inactive,
    introspection((e) => {
      e.inactive.bogus = callResult(200, { active: false, reason: 'unknown' })
    }),
    'warn',
  ],
  ['intr.auth-required passes 401', authRequired, introspection(), 'pass'],
  [
    'intr.auth-required fails an unauthenticated answer that discloses an active token',
    authRequired,
    introspection((e) => {
      e.withoutAuthentication = activeAnswer()
    }),
    'fail',
  ],
  [
    'intr.auth-required warns on 400 instead of 401',
    authRequired,
    introspection((e) => {
      e.withoutAuthentication = oauthError('invalid_client', 400)
    }),
    'warn',
  ],
  ['intr.hint-independent passes identical answers for every hint', hintIndependent, introspection(), 'pass'],
  [
    'intr.hint-independent fails when a wrong hint hides the refresh token',
    hintIndependent,
    introspection((e) => {
      e.hints.refreshToken = { rightHint: activeAnswer(), wrongHint: inactiveAnswer() }
    }),
    'fail',
  ],
  ['intr.after-code-reuse passes an inactive token after the replay', afterCodeReuse, introspection(), 'pass'],
  [
    'intr.after-code-reuse fails an active token after the replay',
    afterCodeReuse,
    introspection((e) => {
      e.afterCodeReuse.introspection = activeAnswer()
    }),
    'fail',
  ],
  ['intr.request-shape passes refused GET and JSON requests', requestShape, introspection(), 'pass'],
  [
    'intr.request-shape fails a GET that discloses an active token',
    requestShape,
    introspection((e) => {
      e.requestShape = { ...e.requestShape, get: activeAnswer() }
    }),
    'fail',
  ],
]

it.each(cases)('%s', (_title, check, evidence, kind) => {
  expect(judge(check, evidence).kind).toBe(kind)
})

it('intr.metadata passes an advertised https endpoint and warns about plain http on a public host', () => {
  const discovery = (url: string) => ({ discovery: { metadata: { introspection_endpoint: url }, endpoints: {} } })
  expect(judge(metadata, discovery('https://as.example/introspect')).kind).toBe('pass')
  expect(judge(metadata, discovery('http://127.0.0.1:8080/introspect')).kind).toBe('pass')
  expect(judge(metadata, discovery('http://as.example/introspect')).kind).toBe('warn')
})

it('intr.metadata warns when the declared endpoint is not advertised', () => {
  const target = { ...testTarget, endpoints: { introspection: 'https://as.example/introspect' } }
  expect(judge(metadata, { discovery: { metadata: {}, endpoints: {} } }, target).kind).toBe('warn')
  expect(judge(metadata, { discovery: { metadata: {}, endpoints: {} } }).kind).toBe('skip')
})
