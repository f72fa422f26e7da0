import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../../reports/run-result.js'
import type { AnyCheck } from '../../harness/check.js'
import { parseTargetFile } from '../../harness/target.js'
import authMethodsAdvertised from './checks/auth-methods-advertised.js'
import authzEndpointNoFragment from './checks/authz-endpoint-no-fragment.js'
import endpointsHttps from './checks/endpoints-https.js'
import grantTypes from './checks/grant-types.js'
import idTokenRs256 from './checks/id-token-rs256.js'
import issuerSyntax from './checks/issuer-syntax.js'
import jwksValid from './checks/jwks-valid.js'
import metadataVsBehaviour from './checks/metadata-vs-behaviour.js'
import optionalMembers from './checks/optional-members.js'
import pkceMethods from './checks/pkce-methods.js'
import requiredMembers from './checks/required-members.js'
import responseTypesCode from './checks/response-types-code.js'
import revocationIntrospectionAdvertised from './checks/revocation-introspection-advertised.js'
import rfc8414WellKnown from './checks/rfc8414-well-known.js'
import scopesOpenid from './checks/scopes-openid.js'
import unknownMembers from './checks/unknown-members.js'

const ISSUER = 'https://op.example.com'
const exchange = { id: 1, label: 'x', request: { method: 'GET', url: ISSUER, headers: {} }, durationMs: 1 } as Exchange

const target = (extra: Record<string, unknown> = {}) =>
  parseTargetFile({
    name: 't',
    issuer: ISSUER,
    clients: [
      { client_id: 'a', client_secret: 'secret-a', redirect_uris: ['https://rp.example/cb'], scope: 'openid profile' },
      {
        client_id: 'b',
        client_secret: 'secret-b',
        token_endpoint_auth_method: 'client_secret_post',
        redirect_uris: ['https://rp.example/cb'],
      },
    ],
    users: [{ username: 'u', password: 'password' }],
    ...extra,
  })

const goodMetadata = (): Record<string, unknown> => ({
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  userinfo_endpoint: `${ISSUER}/userinfo`,
  jwks_uri: `${ISSUER}/jwks`,
  revocation_endpoint: `${ISSUER}/revoke`,
  introspection_endpoint: `${ISSUER}/introspect`,
  scopes_supported: ['openid', 'profile'],
  claims_supported: ['sub'],
  response_types_supported: ['code'],
  grant_types_supported: ['authorization_code', 'refresh_token'],
  subject_types_supported: ['public'],
  id_token_signing_alg_values_supported: ['RS256'],
  token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  code_challenge_methods_supported: ['S256'],
  prompt_values_supported: ['none', 'login'],
  authorization_response_iss_parameter_supported: true,
})

const discovery = (metadata: Record<string, unknown> = goodMetadata()) => ({
  url: `${ISSUER}/.well-known/openid-configuration`,
  exchange,
  status: 200,
  contentType: 'application/json',
  metadata,
  endpoints: {
    authorization: String(metadata.authorization_endpoint),
    token: String(metadata.token_endpoint),
  },
})

const judge = (check: AnyCheck, evidence: Record<string, unknown>, t = target()) =>
  check.evaluate(evidence as never, { target: t }).kind

const withMember = (name: string, value: unknown) => discovery({ ...goodMetadata(), [name]: value })

const callback = (params: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  kind: 'callback',
  url: 'https://rp.example/cb',
  mode: 'query',
  params,
  allParams: Object.entries(params),
  sawLogin: true,
  sawConsent: true,
  exchanges: [exchange],
  ...extra,
})

const happyFlow = (params: Record<string, string> = { code: 'c', state: 's', iss: ISSUER }, refreshToken?: string) => ({
  attempt: { request: { client: target().clients[0], codeVerifier: 'v' }, result: callback(params) },
  token: { exchange },
  refreshToken,
})

describe('discovery checks', () => {
  it('accepts an https issuer and reports a loopback http issuer as informational', () => {
    expect(judge(issuerSyntax, { discovery: discovery() })).toBe('pass')
    expect(judge(issuerSyntax, { discovery: withMember('issuer', 'http://127.0.0.1:8080') })).toBe('info')
    expect(judge(issuerSyntax, { discovery: withMember('issuer', 'http://[::1]:8080') })).toBe('info')
  })

  it('fails an http issuer on a public host and an issuer with a query, fragment or userinfo', () => {
    for (const issuer of [
      'http://op.example.com',
      'https://op.example.com?x=1',
      'https://op.example.com#f',
      'https://u:p@op.example.com',
    ])
      expect(judge(issuerSyntax, { discovery: withMember('issuer', issuer) })).toBe('fail')
  })

  it('fails when a required member is missing or mistyped', () => {
    expect(judge(requiredMembers, { discovery: discovery() })).toBe('pass')
    expect(judge(requiredMembers, { discovery: withMember('jwks_uri', undefined) })).toBe('fail')
    expect(judge(requiredMembers, { discovery: withMember('subject_types_supported', ['public', 'anonymous']) })).toBe(
      'fail',
    )
    expect(judge(requiredMembers, { discovery: withMember('response_types_supported', 'code') })).toBe('fail')
  })

  it('requires "code" as a whole value of response_types_supported', () => {
    expect(judge(responseTypesCode, { discovery: discovery() })).toBe('pass')
    expect(judge(responseTypesCode, { discovery: withMember('response_types_supported', ['code id_token']) })).toBe(
      'fail',
    )
  })

  it('requires RS256 among the ID token signing algorithms', () => {
    expect(judge(idTokenRs256, { discovery: discovery() })).toBe('pass')
    expect(judge(idTokenRs256, { discovery: withMember('id_token_signing_alg_values_supported', ['ES256']) })).toBe(
      'fail',
    )
  })

  it('requires openid in scopes_supported and skips when it is absent', () => {
    expect(judge(scopesOpenid, { discovery: discovery() })).toBe('pass')
    expect(judge(scopesOpenid, { discovery: withMember('scopes_supported', ['profile']) })).toBe('fail')
    expect(judge(scopesOpenid, { discovery: withMember('scopes_supported', ['openid', 'bad scope']) })).toBe('fail')
    expect(judge(scopesOpenid, { discovery: withMember('scopes_supported', undefined) })).toBe('skip')
  })

  it('fails a plain http endpoint on a public host and notes loopback ones', () => {
    expect(judge(endpointsHttps, { discovery: discovery() })).toBe('pass')
    expect(judge(endpointsHttps, { discovery: withMember('token_endpoint', 'http://op.example.com/token') })).toBe(
      'fail',
    )
    expect(judge(endpointsHttps, { discovery: withMember('token_endpoint', 'http://localhost:8080/token') })).toBe(
      'info',
    )
  })

  it('fails an authorization endpoint with a fragment', () => {
    expect(judge(authzEndpointNoFragment, { discovery: discovery() })).toBe('pass')
    expect(
      judge(authzEndpointNoFragment, { discovery: withMember('authorization_endpoint', `${ISSUER}/authorize#x`) }),
    ).toBe('fail')
  })

  it('fails a JWK Set with private key material or several keys without kid, warns on duplicate kids', () => {
    const key = { kty: 'RSA', n: 'n', e: 'AQAB', kid: 'k1' }
    const jwks = (keys: unknown[]) => ({
      url: 'x',
      exchange,
      status: 200,
      contentType: 'application/json',
      body: { keys },
      keys,
    })
    const reports = (n: number) => Array.from({ length: n }, (_, index) => ({ index, importable: true }))
    expect(judge(jwksValid, { jwks: jwks([key]), discoveryJwksKeys: reports(1) })).toBe('pass')
    expect(judge(jwksValid, { jwks: jwks([{ ...key, d: 'secret' }]), discoveryJwksKeys: reports(1) })).toBe('fail')
    expect(judge(jwksValid, { jwks: jwks([{ ...key, kid: undefined }, key]), discoveryJwksKeys: reports(2) })).toBe(
      'fail',
    )
    expect(judge(jwksValid, { jwks: jwks([key, key]), discoveryJwksKeys: reports(2) })).toBe('warn')
    expect(judge(jwksValid, { jwks: jwks([key]), discoveryJwksKeys: [{ index: 0, importable: false }] })).toBe('fail')
  })

  it('fails when a client authentication method in use is not advertised (default client_secret_basic)', () => {
    expect(judge(authMethodsAdvertised, { discovery: discovery() })).toBe('pass')
    expect(
      judge(authMethodsAdvertised, { discovery: withMember('token_endpoint_auth_methods_supported', undefined) }),
    ).toBe('fail')
  })

  it('fails grant_types_supported without authorization_code and warns when issued refresh tokens are not listed', () => {
    expect(judge(grantTypes, { discovery: discovery(), happyFlow: happyFlow(undefined, 'rt') })).toBe('pass')
    expect(
      judge(grantTypes, { discovery: withMember('grant_types_supported', ['refresh_token']), happyFlow: happyFlow() }),
    ).toBe('fail')
    expect(
      judge(grantTypes, {
        discovery: withMember('grant_types_supported', ['authorization_code']),
        happyFlow: happyFlow(undefined, 'rt'),
      }),
    ).toBe('warn')
  })

  it('fails a PKCE method list without S256 or with plain when the policy forbids it', () => {
    expect(judge(pkceMethods, { discovery: discovery() })).toBe('pass')
    expect(judge(pkceMethods, { discovery: withMember('code_challenge_methods_supported', ['plain']) })).toBe('fail')
    expect(judge(pkceMethods, { discovery: withMember('code_challenge_methods_supported', ['S256', 'plain']) })).toBe(
      'fail',
    )
    expect(
      judge(
        pkceMethods,
        { discovery: withMember('code_challenge_methods_supported', ['S256', 'plain']) },
        target({ policy: { pkce_plain: 'allow' } }),
      ),
    ).toBe('pass')
  })

  it('warns on missing RECOMMENDED members, mistyped booleans and bad locales', () => {
    expect(judge(optionalMembers, { discovery: discovery() })).toBe('pass')
    expect(judge(optionalMembers, { discovery: withMember('claims_supported', undefined) })).toBe('fail')
    expect(judge(optionalMembers, { discovery: withMember('claims_parameter_supported', 'false') })).toBe('fail')
    expect(judge(optionalMembers, { discovery: withMember('ui_locales_supported', ['en_GB']) })).toBe('fail')
  })

  it('reports unregistered metadata members, with a did-you-mean for typos', () => {
    expect(judge(unknownMembers, { discovery: discovery() })).toBe('pass')
    const verdict = unknownMembers.evaluate(
      { discovery: withMember('token_endpoint_auth_method_supported', ['x']) } as never,
      { target: target() },
    )
    expect(verdict.kind).toBe('info')
    expect('message' in verdict && verdict.message).toContain('did you mean "token_endpoint_auth_methods_supported"')
  })

  it('skips an unserved RFC 8414 document and fails one whose issuer or endpoints differ', () => {
    const rfc = (status: number, metadata?: Record<string, unknown>) => ({ url: 'x', exchange, status, metadata })
    expect(judge(rfc8414WellKnown, { discovery: discovery(), rfc8414Metadata: rfc(404) })).toBe('skip')
    expect(judge(rfc8414WellKnown, { discovery: discovery(), rfc8414Metadata: rfc(200, goodMetadata()) })).toBe('pass')
    expect(
      judge(rfc8414WellKnown, {
        discovery: discovery(),
        rfc8414Metadata: rfc(200, { ...goodMetadata(), issuer: `${ISSUER}/` }),
      }),
    ).toBe('fail')
    expect(
      judge(rfc8414WellKnown, {
        discovery: discovery(),
        rfc8414Metadata: rfc(200, { ...goodMetadata(), token_endpoint: `${ISSUER}/t2` }),
      }),
    ).toBe('fail')
  })

  it('flags advertised behaviour that does not happen and an accepted non-advertised value', () => {
    const silent = { result: callback({ error: 'login_required', iss: ISSUER }, { sawLogin: false }) }
    const refused = {
      tried: { parameter: 'code_challenge_method', value: 'plain', list: 'code_challenge_methods_supported' },
      attempt: { result: callback({ error: 'invalid_request' }) },
    }
    const accepted = { ...refused, attempt: { result: callback({ code: 'c' }) } }
    const base = { discovery: discovery(), happyFlow: happyFlow(), issErrorRedirect: silent }
    expect(judge(metadataVsBehaviour, { ...base, discoveryNonAdvertised: refused })).toBe('pass')
    expect(judge(metadataVsBehaviour, { ...base, discoveryNonAdvertised: accepted })).toBe('fail')
    expect(
      judge(metadataVsBehaviour, { ...base, happyFlow: happyFlow({ code: 'c' }), discoveryNonAdvertised: refused }),
    ).toBe('fail')
  })

  it('warns when the revocation endpoint auth methods do not cover a client and skips when none is advertised', () => {
    expect(judge(revocationIntrospectionAdvertised, { discovery: discovery() })).toBe('pass')
    expect(
      judge(revocationIntrospectionAdvertised, {
        discovery: withMember('revocation_endpoint_auth_methods_supported', undefined),
      }),
    ).toBe('fail')
    expect(
      judge(revocationIntrospectionAdvertised, {
        discovery: discovery({ ...goodMetadata(), revocation_endpoint: undefined, introspection_endpoint: undefined }),
      }),
    ).toBe('skip')
  })
})
