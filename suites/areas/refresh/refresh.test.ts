import { expect, it } from 'vitest'
import type { AnyCheck } from '../../harness/check.js'
import { callResult, flow, judge, oauthError, tokens } from '../../test-support/refresh-evidence.js'
import bogusRt from './checks/bogus-rt.js'
import boundToClient from './checks/bound-to-client.js'
import clientAuthRequired from './checks/client-auth-required.js'
import concurrentRefresh from './checks/concurrent-refresh.js'
import newRtScope from './checks/new-rt-scope.js'
import offlineAccess from './checks/offline-access.js'
import oldRtRejected from './checks/old-rt-rejected.js'
import quality from './checks/quality.js'
import refreshWorks from './checks/refresh-works.js'
import reuseRevokesFamily from './checks/reuse-revokes-family.js'
import rotationOrBinding from './checks/rotation-or-binding.js'
import scopeEscalation from './checks/scope-escalation.js'
import scopeNarrowing from './checks/scope-narrowing.js'
import type { RefreshBindingEvidence, RefreshChainEvidence, RefreshPublicEvidence } from './gather/refresh-flows.js'

type Chain = Extract<RefreshChainEvidence, { issued: true }>
const RT = 'N4u7ZkRZ8p2Qm1vX0bYcL3sT9wE6hJfA5gKdUiOqPrS'

function chain(change: (chain: Chain) => void = () => {}): Chain {
  const value: Chain = {
    issued: true,
    clientId: 'c',
    token: tokens({ access_token: 'at0', refresh_token: RT, scope: 'openid profile email' }),
    grantedScope: ['openid', 'profile', 'email'],
    refreshToken: RT,
    accessToken: 'at0',
    works: {
      scope: 'openid profile email',
      call: tokens({ access_token: 'at1', refresh_token: 'rt1' }),
      rotated: true,
    },
    narrowing: {
      scope: 'openid',
      subset: ['openid'],
      call: tokens({ access_token: 'at2', refresh_token: 'rt2', scope: 'openid' }),
      rotated: true,
    },
    afterNarrowing: {
      call: tokens({ access_token: 'at3', refresh_token: 'rt3', scope: 'openid profile email' }),
      rotated: true,
    },
    escalation: {
      scope: 'openid profile email address',
      notGranted: 'address',
      call: oauthError('invalid_scope'),
      rotated: false,
    },
    reuse: { oldToken: oauthError('invalid_grant'), newestToken: oauthError('invalid_grant') },
  }
  change(value)
  return value
}

function binding(change: (binding: RefreshBindingEvidence) => void = () => {}): RefreshBindingEvidence {
  const value: RefreshBindingEvidence = {
    clientId: 'c',
    bogus: oauthError('invalid_grant'),
    otherClient: { clientId: 'd', call: oauthError('invalid_grant') },
    withoutAuthentication: oauthError('invalid_client', 401),
    concurrent: [tokens({ access_token: 'a' }), oauthError('invalid_grant'), oauthError('invalid_grant')],
  }
  change(value)
  return value
}

function publicFlow(rotated: boolean): RefreshPublicEvidence {
  return {
    clientId: 'p',
    token: tokens({ access_token: 'a', refresh_token: 'r0' }),
    refreshToken: 'r0',
    first: { call: tokens({ access_token: 'a1', refresh_token: rotated ? 'r1' : 'r0' }), rotated },
    second: { call: tokens({ access_token: 'a2', refresh_token: rotated ? 'r2' : 'r0' }), rotated },
  }
}

const evidence = (overrides: Record<string, unknown> = {}) => ({
  refreshChain: chain(),
  refreshBinding: binding(),
  refreshPublic: publicFlow(true),
  offlineAccess: {
    scope: 'openid offline_access',
    withConsentPrompt: flow({ refreshToken: 'r', consent: true }),
    withoutConsentPrompt: flow({}),
  },
  ...overrides,
})

const cases: Array<[string, AnyCheck, Record<string, unknown>, string]> = [
  ['rt.refresh-works passes a 200 Bearer response with no-store and a new access token', refreshWorks, {}, 'pass'],
  [
    'rt.refresh-works fails when the declared refresh token never came',
    refreshWorks,
    { refreshChain: { issued: false, clientId: 'c', token: tokens({ access_token: 'a' }) } },
    'fail',
  ],
  [
    'rt.refresh-works fails without Cache-Control: no-store',
    refreshWorks,
    {
      refreshChain: chain((c) => {
        c.works.call = callResult(200, { access_token: 'at1', token_type: 'Bearer' })
      }),
    },
    'fail',
  ],
  [
    'rt.refresh-works fails a refused refresh',
    refreshWorks,
    {
      refreshChain: chain((c) => {
        c.works.call = oauthError('invalid_grant')
      }),
    },
    'fail',
  ],
  [
    'rt.refresh-works warns when the same access token comes back',
    refreshWorks,
    {
      refreshChain: chain((c) => {
        c.works.call = tokens({ access_token: 'at0' })
      }),
    },
    'warn',
  ],
  ['rt.quality passes a 43-character base64url refresh token', quality, {}, 'pass'],
  [
    'rt.quality fails a 16-character hex refresh token',
    quality,
    {
      refreshChain: chain((c) => {
        c.refreshToken = '0123456789abcdef'
      }),
    },
    'fail',
  ],
  [
    'rt.quality fails a refresh token with a control character',
    quality,
    {
      refreshChain: chain((c) => {
        c.refreshToken = `${RT}\n`
      }),
    },
    'fail',
  ],
  [
    'rt.quality skips when no refresh token was issued',
    quality,
    { refreshChain: { issued: false, clientId: 'c', token: tokens({}) } },
    'skip',
  ],
  ['rt.bound-to-client passes invalid_grant for another client', boundToClient, {}, 'pass'],
  [
    'rt.bound-to-client fails when another client refreshes successfully',
    boundToClient,
    {
      refreshBinding: binding((b) => {
        b.otherClient = { clientId: 'd', call: tokens({ access_token: 'x' }) }
      }),
    },
    'fail',
  ],
  [
    'rt.bound-to-client fails on invalid_client, since RFC 6749 §5.2 names invalid_grant for a token issued to another client',
    boundToClient,
    {
      refreshBinding: binding((b) => {
        b.otherClient = { clientId: 'd', call: oauthError('invalid_client', 401) }
      }),
    },
    'fail',
  ],
  [
    'rt.client-auth-required fails on invalid_grant (the refresh token must be live and the client unauthenticated)',
    clientAuthRequired,
    {
      refreshBinding: binding((b) => {
        b.withoutAuthentication = oauthError('invalid_grant')
      }),
    },
    'fail',
  ],
  [
    'rt.bound-to-client skips without a second client',
    boundToClient,
    {
      refreshBinding: binding((b) => {
        b.otherClient = { unavailable: 'one client' }
      }),
    },
    'skip',
  ],
  ['rt.client-auth-required passes 401 invalid_client', clientAuthRequired, {}, 'pass'],
  [
    'rt.client-auth-required fails a refresh without credentials that succeeds',
    clientAuthRequired,
    {
      refreshBinding: binding((b) => {
        b.withoutAuthentication = tokens({ access_token: 'x' })
      }),
    },
    'fail',
  ],
  [
    'rt.client-auth-required fails an error that is not JSON',
    clientAuthRequired,
    {
      refreshBinding: binding((b) => {
        b.withoutAuthentication = callResult(401)
      }),
    },
    'fail',
  ],
  ['rt.rotation-or-binding passes a public client whose refresh tokens rotate', rotationOrBinding, {}, 'pass'],
  [
    'rt.rotation-or-binding fails a public client whose refresh token never changes',
    rotationOrBinding,
    { refreshPublic: publicFlow(false) },
    'fail',
  ],
  [
    'rt.rotation-or-binding only informs about a confidential client without rotation',
    rotationOrBinding,
    {
      refreshPublic: { unavailable: 'no public client' },
      refreshChain: chain((c) => {
        c.works.rotated = false
      }),
    },
    'info',
  ],
  ['rt.old-rt-rejected passes invalid_grant for the rotated-out token', oldRtRejected, {}, 'pass'],
  [
    'rt.old-rt-rejected fails when the rotated-out token still works',
    oldRtRejected,
    {
      refreshChain: chain((c) => {
        c.reuse = { oldToken: tokens({ access_token: 'x' }), newestToken: oauthError('invalid_grant') }
      }),
    },
    'fail',
  ],
  [
    'rt.old-rt-rejected skips a server that does not rotate',
    oldRtRejected,
    {
      refreshChain: chain((c) => {
        c.reuse = { unavailable: 'no rotation' }
      }),
    },
    'skip',
  ],
  ['rt.reuse-revokes-family passes when the newest token dies after the reuse', reuseRevokesFamily, {}, 'pass'],
  [
    'rt.reuse-revokes-family fails when the newest token survives the reuse',
    reuseRevokesFamily,
    {
      refreshChain: chain((c) => {
        c.reuse = { oldToken: oauthError('invalid_grant'), newestToken: tokens({ access_token: 'x' }) }
      }),
    },
    'fail',
  ],
  ['rt.concurrent-refresh passes one success out of three', concurrentRefresh, {}, 'pass'],
  [
    'rt.concurrent-refresh fails two successes out of three',
    concurrentRefresh,
    {
      refreshBinding: binding((b) => {
        b.concurrent = [tokens({}), tokens({}), oauthError('invalid_grant')]
      }),
    },
    'fail',
  ],
  ['rt.scope-narrowing passes a response scoped to the subset', scopeNarrowing, {}, 'pass'],
  [
    'rt.scope-narrowing fails a response wider than the subset',
    scopeNarrowing,
    {
      refreshChain: chain((c) => {
        c.narrowing = {
          subset: ['openid'],
          scope: 'openid',
          call: tokens({ access_token: 'x', scope: 'openid profile' }),
          rotated: true,
        }
      }),
    },
    'fail',
  ],
  [
    'rt.scope-narrowing fails a refused narrowing',
    scopeNarrowing,
    {
      refreshChain: chain((c) => {
        c.narrowing = { subset: ['openid'], scope: 'openid', call: oauthError('invalid_scope'), rotated: false }
      }),
    },
    'fail',
  ],
  ['rt.scope-escalation passes invalid_scope', scopeEscalation, {}, 'pass'],
  [
    'rt.scope-escalation fails an escalation that is granted',
    scopeEscalation,
    {
      refreshChain: chain((c) => {
        c.escalation = { notGranted: 'address', call: tokens({ access_token: 'x' }), rotated: false }
      }),
    },
    'fail',
  ],
  ['rt.bogus-rt passes invalid_grant', bogusRt, {}, 'pass'],
  [
    'rt.bogus-rt fails on invalid_request, since a well-formed unknown refresh token is invalid_grant',
    bogusRt,
    {
      refreshBinding: binding((b) => {
        b.bogus = oauthError('invalid_request')
      }),
    },
    'fail',
  ],
  [
    'rt.bogus-rt fails on invalid_grant answered with HTTP 401',
    bogusRt,
    {
      refreshBinding: binding((b) => {
        b.bogus = oauthError('invalid_grant', 401)
      }),
    },
    'fail',
  ],
  ['rt.new-rt-scope passes when the new refresh token keeps the original scope', newRtScope, {}, 'pass'],
  [
    'rt.new-rt-scope fails when the new refresh token carries only the narrowed scope',
    newRtScope,
    {
      refreshChain: chain((c) => {
        c.afterNarrowing = { call: tokens({ access_token: 'x', scope: 'openid' }), rotated: true }
      }),
    },
    'fail',
  ],
  ['rt.offline-access passes when prompt=consent brings a refresh token', offlineAccess, {}, 'pass'],
  [
    'rt.offline-access informs when offline_access is ignored',
    offlineAccess,
    { offlineAccess: { scope: 's', withConsentPrompt: flow({}), withoutConsentPrompt: flow({}) } },
    'info',
  ],
]

it.each(cases)('%s', (_title, check, overrides, kind) => {
  expect(judge(check, evidence(overrides)).kind).toBe(kind)
})
