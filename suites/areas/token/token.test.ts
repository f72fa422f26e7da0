import { describe, expect, it } from 'vitest'
import { error, judge, response, target, tokens } from '../../test-support/token-evidence.js'
import accessTokenQuality from './checks/access-token-quality.js'
import atLifetime from './checks/at-lifetime.js'
import authBasic from './checks/auth-basic.js'
import authBasicUrlencoded from './checks/auth-basic-urlencoded.js'
import authInQuery from './checks/auth-in-query.js'
import authMethodRegistered from './checks/auth-method-registered.js'
import authMissing from './checks/auth-missing.js'
import authMultipleMethods from './checks/auth-multiple-methods.js'
import authNonePkce from './checks/auth-none-pkce.js'
import authPost from './checks/auth-post.js'
import authWrongSecret from './checks/auth-wrong-secret.js'
import cacheHeaders from './checks/cache-headers.js'
import clientIdMismatch from './checks/client-id-mismatch.js'
import clientSecretStrength from './checks/client-secret-strength.js'
import codeBoundToClient from './checks/code-bound-to-client.js'
import codeMissing from './checks/code-missing.js'
import duplicateParam from './checks/duplicate-param.js'
import errorFormat from './checks/error-format.js'
import errorNoStore from './checks/error-no-store.js'
import formEncoding from './checks/form-encoding.js'
import grantNotAllowed from './checks/grant-not-allowed.js'
import grantTypeMissingOrUnknown from './checks/grant-type-missing-or-unknown.js'
import invalidClientBasic401 from './checks/invalid-client-basic-401.js'
import postOnly from './checks/post-only.js'
import publicClientIdRequired from './checks/public-client-id-required.js'
import redirectUriMismatch from './checks/redirect-uri-mismatch.js'
import redirectUriMissing from './checks/redirect-uri-missing.js'
import scopeReported from './checks/scope-reported.js'
import senderConstraint from './checks/sender-constraint.js'
import successShape from './checks/success-shape.js'
import unknownParamIgnored from './checks/unknown-param-ignored.js'

const BASIC_401 = { 'www-authenticate': 'Basic realm="token"' }

const happy = (token = tokens()) => ({
  happyFlow: {
    token,
    accessToken: token.body?.access_token,
    attempt: { request: { params: { scope: 'openid profile' } } },
  },
})

const grantErrors = (extra: Record<string, unknown> = {}) => ({
  tokenGrantErrors: {
    bogusCode: error('invalid_grant'),
    codeMissing: error('invalid_request'),
    grantTypeUnknown: error('unsupported_grant_type'),
    password: error('unsupported_grant_type'),
    clientCredentials: error('unauthorized_client'),
    ...extra,
  },
})

const requestFormat = (extra: Record<string, unknown> = {}) => ({
  tokenRequestFormat: {
    grantTypeMissing: error('invalid_request'),
    duplicateGrantType: error('invalid_request'),
    jsonBody: error('invalid_request'),
    textPlainBody: error('invalid_request'),
    get: response(405, undefined, { 'content-type': 'text/plain' }),
    unknownParam: tokens(),
    refresh: tokens(),
    ...extra,
  },
})

const redirectUri = (extra: Record<string, unknown> = {}) => ({
  tokenRedirectUri: {
    clientId: 'rp',
    registeredCount: 1,
    registered: 'https://rp.example.org/cb',
    mismatchUri: 'https://rp.example.org/cb?x=y',
    missing: error('invalid_request'),
    mismatch: error('invalid_grant'),
    retry: error('invalid_grant'),
    ...extra,
  },
})

const clientAuth = (extra: Record<string, unknown> = {}) => ({
  tokenClientAuth: {
    client: 'client-a',
    method: 'client_secret_basic',
    secretMissing: error('invalid_client', 401),
    nothing: error('invalid_client', 401),
    wrongSecretBasic: { client: 'client-a', call: error('invalid_client', 401, BASIC_401) },
    wrongSecretPost: { client: 'client-p', call: error('invalid_client', 400) },
    inQuery: error('invalid_request'),
    multipleMethods: error('invalid_request'),
    unregisteredMethod: error('invalid_client', 401),
    clientIdMismatch: { bodyClientId: 'client-b', call: error('invalid_client', 401, BASIC_401) },
    ...extra,
  },
})

const allErrors = (extra: { auth?: Record<string, unknown>; grant?: Record<string, unknown> } = {}) => ({
  ...grantErrors(extra.grant),
  ...requestFormat(),
  ...redirectUri(),
  ...clientAuth(extra.auth),
})

describe('token checks', () => {
  it('passes a complete token response and fails one without token_type or with a text/plain body', () => {
    expect(judge(successShape, happy())).toBe('pass')
    expect(judge(successShape, happy(tokens({ token_type: undefined })))).toBe('fail')
    expect(
      judge(
        successShape,
        happy(response(200, { access_token: 'a', token_type: 'bearer' }, { 'content-type': 'text/plain' })),
      ),
    ).toBe('fail')
    expect(judge(successShape, happy(tokens({ expires_in: undefined })))).toBe('warn')
    expect(judge(successShape, happy(tokens({ expires_in: '600' })))).toBe('fail')
  })

  it('accepts an unknown scope refused at the authorization endpoint, and warns on a silently dropped one', () => {
    const scope = (authorization: Record<string, string>, token?: ReturnType<typeof tokens>) => ({
      tokenScopeReported: {
        requested: 'openid x_unknown',
        authorization: { params: authorization, exchanges: [] },
        token,
      },
    })
    expect(judge(scopeReported, scope({ error: 'invalid_scope' }))).toBe('pass')
    expect(judge(scopeReported, scope({ code: 'c' }, tokens({ scope: 'openid' })))).toBe('pass')
    expect(judge(scopeReported, scope({ code: 'c' }, tokens()))).toBe('warn')
  })

  it('fails a short access token and passes a signed JWT', () => {
    expect(judge(accessTokenQuality, happy(tokens({ access_token: 'abc123' })))).toBe('fail')
    expect(
      judge(accessTokenQuality, happy(tokens({ access_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' }))),
    ).toBe('pass')
    expect(
      judge(accessTokenQuality, happy(tokens({ access_token: 'Xb2Ye9kQ-1lZ_aR7vT3mN8pW4sD6fG0hJ2kL5zC9qB1' }))),
    ).toBe('pass')
  })

  it('fails a code exchange or refresh response without Cache-Control: no-store and warns without Pragma', () => {
    expect(judge(cacheHeaders, { ...happy(), ...requestFormat() })).toBe('pass')
    expect(judge(cacheHeaders, { ...happy(), ...requestFormat({ refresh: tokens() }) })).toBe('pass')
    const noStore = response(200, tokens().body, { 'cache-control': 'private' })
    expect(judge(cacheHeaders, { ...happy(), ...requestFormat({ refresh: noStore }) })).toBe('fail')
    const noPragma = response(200, tokens().body, { pragma: '' })
    expect(judge(cacheHeaders, { ...happy(noPragma), ...requestFormat() })).toBe('warn')
  })

  it('fails a token endpoint that answers a GET exchange', () => {
    expect(judge(postOnly, requestFormat())).toBe('pass')
    expect(judge(postOnly, requestFormat({ get: tokens() }))).toBe('fail')
  })

  it('fails a token endpoint that reads a JSON body', () => {
    expect(judge(formEncoding, requestFormat())).toBe('pass')
    expect(judge(formEncoding, requestFormat({ jsonBody: tokens() }))).toBe('fail')
  })

  it('fails when an unknown parameter makes a valid exchange fail', () => {
    expect(judge(unknownParamIgnored, requestFormat())).toBe('pass')
    expect(judge(unknownParamIgnored, requestFormat({ unknownParam: error('invalid_request') }))).toBe('fail')
  })

  it('fails a repeated grant_type that is accepted or refused with invalid_grant, and warns on unsupported_grant_type', () => {
    expect(judge(duplicateParam, requestFormat())).toBe('pass')
    expect(judge(duplicateParam, requestFormat({ duplicateGrantType: tokens() }))).toBe('fail')
    expect(judge(duplicateParam, requestFormat({ duplicateGrantType: error('invalid_grant') }))).toBe('fail')
    expect(judge(duplicateParam, requestFormat({ duplicateGrantType: error('unsupported_grant_type') }))).toBe('warn')
  })

  it('expects invalid_request without grant_type and unsupported_grant_type for grant_type=foo', () => {
    expect(judge(grantTypeMissingOrUnknown, { ...requestFormat(), ...grantErrors() })).toBe('pass')
    expect(
      judge(grantTypeMissingOrUnknown, { ...requestFormat({ grantTypeMissing: tokens() }), ...grantErrors() }),
    ).toBe('fail')
    expect(
      judge(grantTypeMissingOrUnknown, {
        ...requestFormat(),
        ...grantErrors({ grantTypeUnknown: error('invalid_grant') }),
      }),
    ).toBe('fail')
    expect(
      judge(grantTypeMissingOrUnknown, {
        ...requestFormat({ grantTypeMissing: error('unsupported_grant_type') }),
        ...grantErrors(),
      }),
    ).toBe('warn')
  })

  it('fails when the password grant issues tokens and only reports client_credentials', () => {
    expect(judge(grantNotAllowed, grantErrors())).toBe('pass')
    expect(judge(grantNotAllowed, grantErrors({ password: tokens() }))).toBe('fail')
    expect(judge(grantNotAllowed, grantErrors({ clientCredentials: tokens() }))).toBe('info')
  })

  it('expects invalid_request for a missing code', () => {
    expect(judge(codeMissing, grantErrors())).toBe('pass')
    expect(judge(codeMissing, grantErrors({ codeMissing: error('invalid_request', 401) }))).toBe('fail')
  })

  it('expects invalid_grant for a mismatched redirect_uri', () => {
    expect(judge(redirectUriMismatch, redirectUri())).toBe('pass')
    expect(judge(redirectUriMismatch, redirectUri({ mismatch: tokens() }))).toBe('fail')
  })

  it('accepts invalid_request or invalid_grant for a missing redirect_uri', () => {
    expect(judge(redirectUriMissing, redirectUri({ missing: error('invalid_grant') }))).toBe('pass')
    expect(judge(redirectUriMissing, redirectUri({ missing: tokens() }))).toBe('fail')
    expect(judge(redirectUriMissing, redirectUri({ missing: error('invalid_client') }))).toBe('warn')
  })

  it('names the registration when a code redeemed without redirect_uri is accepted', () => {
    const evaluate = (registeredCount: number) =>
      redirectUriMissing.evaluate(redirectUri({ missing: tokens(), registeredCount }) as never, { target: target() })
    expect(evaluate(1)).toMatchObject({
      kind: 'fail',
      message: expect.stringMatching(/client "rp" has exactly one registered redirect_uri.*RFC 6749 §4\.1\.3/),
    })
    expect(evaluate(2)).toMatchObject({
      kind: 'fail',
      message: expect.stringContaining('has 2 registered redirect URIs'),
    })
  })

  it('fails a mismatched redirect_uri refused with another code than invalid_grant', () => {
    expect(judge(redirectUriMismatch, redirectUri({ mismatch: error('invalid_request') }))).toBe('fail')
  })

  it('fails when another client redeems the code', () => {
    const binding = (call: ReturnType<typeof tokens>) => ({
      tokenCodeBinding: { issuedTo: 'a', redeemedBy: 'b', call },
    })
    expect(judge(codeBoundToClient, binding(error('invalid_grant')))).toBe('pass')
    expect(judge(codeBoundToClient, binding(tokens()))).toBe('fail')
  })

  it('accepts invalid_client or invalid_grant for a client_id mismatch', () => {
    expect(judge(clientIdMismatch, clientAuth())).toBe('pass')
    expect(
      judge(clientIdMismatch, clientAuth({ clientIdMismatch: { bodyClientId: 'b', call: error('invalid_grant') } })),
    ).toBe('pass')
    expect(judge(clientIdMismatch, clientAuth({ clientIdMismatch: { bodyClientId: 'b', call: tokens() } }))).toBe(
      'fail',
    )
  })

  it('fails when a public client redeems without client_id', () => {
    const publicClient = (withoutClientId: ReturnType<typeof tokens>) => ({
      tokenPublicClient: { client: 'pub', success: tokens(), withoutClientId },
    })
    expect(judge(publicClientIdRequired, publicClient(error('invalid_client', 401)))).toBe('pass')
    expect(judge(publicClientIdRequired, publicClient(tokens()))).toBe('fail')
    expect(judge(authNonePkce, publicClient(error('invalid_client')))).toBe('pass')
    expect(
      judge(authNonePkce, {
        tokenPublicClient: {
          client: 'pub',
          success: error('invalid_client'),
          withoutClientId: error('invalid_client'),
        },
      }),
    ).toBe('fail')
  })

  it('fails when Basic or an advertised post method is refused', () => {
    expect(judge(authBasic, { tokenBasicAuth: { client: 'a', call: tokens() } })).toBe('pass')
    expect(judge(authBasic, { tokenBasicAuth: { client: 'a', call: error('invalid_client', 401) } })).toBe('fail')
    expect(judge(authPost, { tokenPostAuth: { client: 'p', advertised: true, call: error('invalid_client') } })).toBe(
      'fail',
    )
    expect(judge(authPost, { tokenPostAuth: { client: 'p', advertised: false, call: error('invalid_client') } })).toBe(
      'info',
    )
  })

  it('fails when encoded Basic credentials are refused or raw ones accepted', () => {
    const urlencoded = (encoded: ReturnType<typeof tokens>, unencoded?: ReturnType<typeof tokens>) => ({
      tokenBasicUrlencoded: { client: 'c', idChanges: false, secretChanges: true, encoded, unencoded },
    })
    expect(judge(authBasicUrlencoded, urlencoded(tokens(), error('invalid_client', 401, BASIC_401)))).toBe('pass')
    expect(judge(authBasicUrlencoded, urlencoded(error('invalid_client', 401, BASIC_401)))).toBe('fail')
    expect(judge(authBasicUrlencoded, urlencoded(tokens(), tokens()))).toBe('fail')
  })

  it('expects invalid_client when the secret is missing', () => {
    expect(judge(authMissing, clientAuth())).toBe('pass')
    expect(judge(authMissing, clientAuth({ secretMissing: tokens() }))).toBe('fail')
  })

  it('requires 401 for a wrong Basic secret and accepts 400 for a wrong post secret', () => {
    expect(judge(authWrongSecret, clientAuth())).toBe('pass')
    expect(
      judge(authWrongSecret, clientAuth({ wrongSecretBasic: { client: 'a', call: error('invalid_client', 400) } })),
    ).toBe('fail')
    expect(
      judge(authWrongSecret, clientAuth({ wrongSecretPost: { client: 'p', call: error('unauthorized_client') } })),
    ).toBe('fail')
  })

  it('only warns when a request naming no client at all gets a code outside invalid_client and invalid_request', () => {
    expect(judge(authMissing, clientAuth({ nothing: error('invalid_grant') }))).toBe('warn')
    expect(judge(authMissing, clientAuth({ secretMissing: error('invalid_grant') }))).toBe('fail')
  })

  it('requires 401 and a Basic challenge after a failed Basic authentication', () => {
    expect(judge(invalidClientBasic401, clientAuth())).toBe('pass')
    expect(
      judge(
        invalidClientBasic401,
        clientAuth({ wrongSecretBasic: { client: 'a', call: error('invalid_client', 401) } }),
      ),
    ).toBe('fail')
    expect(
      judge(
        invalidClientBasic401,
        clientAuth({ wrongSecretBasic: { client: 'a', call: error('invalid_client', 400, BASIC_401) } }),
      ),
    ).toBe('fail')
    expect(judge(invalidClientBasic401, clientAuth({ wrongSecretBasic: undefined }))).toBe('skip')
  })

  it('fails credentials accepted from the query', () => {
    expect(judge(authInQuery, clientAuth())).toBe('pass')
    expect(judge(authInQuery, clientAuth({ inQuery: tokens() }))).toBe('fail')
  })

  it('flags two authentication methods accepted together', () => {
    expect(judge(authMultipleMethods, clientAuth())).toBe('pass')
    expect(judge(authMultipleMethods, clientAuth({ multipleMethods: tokens() }))).toBe('fail')
  })

  it('flags a client accepted with a method it did not register', () => {
    expect(judge(authMethodRegistered, clientAuth())).toBe('pass')
    expect(judge(authMethodRegistered, clientAuth({ unregisteredMethod: tokens() }))).toBe('fail')
  })

  it('judges configured secrets: informational on a loopback issuer, failing below 128 bits elsewhere', () => {
    const weak = {
      clients: [{ client_id: 'a', client_secret: 'gX1fBat3bV', redirect_uris: ['https://rp.example.org/cb'] }],
    }
    expect(judge(clientSecretStrength, {}, target())).toBe('pass')
    expect(judge(clientSecretStrength, {}, target(weak))).toBe('fail')
    expect(judge(clientSecretStrength, {}, target({ ...weak, issuer: 'http://127.0.0.1:8080' }))).toBe('info')
  })

  it('requires JSON §5.2 errors with legal characters and 400 except for invalid_client', () => {
    expect(judge(errorFormat, allErrors())).toBe('pass')
    expect(judge(errorFormat, allErrors({ grant: { bogusCode: error('invalid_grant', 401) } }))).toBe('fail')
    expect(
      judge(
        errorFormat,
        allErrors({
          grant: { bogusCode: response(400, { error: 'invalid_grant', error_description: 'see §5.2 "x"' }) },
        }),
      ),
    ).toBe('fail')
    expect(
      judge(
        errorFormat,
        allErrors({ grant: { bogusCode: response(400, undefined, { 'content-type': 'text/html' }) } }),
      ),
    ).toBe('fail')
    expect(judge(errorFormat, allErrors({ grant: { bogusCode: error('code_invalid') } }))).toBe('warn')
  })

  it('flags error responses without Cache-Control: no-store', () => {
    expect(judge(errorNoStore, allErrors())).toBe('pass')
    expect(
      judge(errorNoStore, allErrors({ grant: { bogusCode: error('invalid_grant', 400, { 'cache-control': '' }) } })),
    ).toBe('fail')
  })

  it('flags access tokens that live longer than an hour or outlive expires_in', () => {
    const lifetime = (
      token: ReturnType<typeof tokens>,
      expiry: Record<string, unknown> = { ran: false, reason: 'slow' },
    ) => ({
      ...happy(token),
      tokenAccessTokenExpiry: expiry,
    })
    expect(judge(atLifetime, lifetime(tokens()))).toBe('pass')
    expect(judge(atLifetime, lifetime(tokens({ expires_in: 86400 })))).toBe('fail')
    const outlived = { ran: true, expiresIn: 600, waitedSeconds: 605, userinfo: response(200, { sub: '1' }) }
    expect(judge(atLifetime, lifetime(tokens(), outlived))).toBe('fail')
    expect(judge(atLifetime, lifetime(tokens(), { ...outlived, userinfo: response(401, undefined) }))).toBe('pass')
  })

  it('reports the token type as information', () => {
    expect(judge(senderConstraint, { ...happy(), discovery: { metadata: {}, endpoints: {} } })).toBe('info')
    expect(
      judge(senderConstraint, {
        ...happy(tokens({ token_type: undefined })),
        discovery: { metadata: {}, endpoints: {} },
      }),
    ).toBe('skip')
  })
})
