import { describe, expect, it } from 'vitest'
import type { AnyCheck } from '../../harness/check.js'
import type { TargetFile } from '../../harness/target.js'
import { callback, flow, htmlExchange, page, target } from '../../test-support/authorization-evidence.js'
import accessDenied from './checks/access-denied.js'
import autoRedirectOnError from './checks/auto-redirect-on-error.js'
import claimsParam from './checks/claims-param.js'
import clickjacking from './checks/clickjacking.js'
import clientIdMissing from './checks/client-id-missing.js'
import clientIdUnknown from './checks/client-id-unknown.js'
import codeHappyPath from './checks/code-happy-path.js'
import consentPublicClient from './checks/consent-public-client.js'
import duplicateParam from './checks/duplicate-param.js'
import emptyParamAsAbsent from './checks/empty-param-as-absent.js'
import errorResponseShape from './checks/error-response-shape.js'
import formPostMode from './checks/form-post-mode.js'
import fragmentFix from './checks/fragment-fix.js'
import invalidScope from './checks/invalid-scope.js'
import loopbackPort from './checks/loopback-port.js'
import missingOpenidScope from './checks/missing-openid-scope.js'
import no307 from './checks/no-307.js'
import nonceOptionalCode from './checks/nonce-optional-code.js'
import oidcMtiParams from './checks/oidc-mti-params.js'
import orderInsensitive from './checks/order-insensitive.js'
import pkceTolerated from './checks/pkce-tolerated.js'
import postMethod from './checks/post-method.js'
import redirectUriCodePollution from './checks/redirect-uri-code-pollution.js'
import redirectUriFragment from './checks/redirect-uri-fragment.js'
import redirectUriMissing from './checks/redirect-uri-missing.js'
import redirectUriQueryAdded from './checks/redirect-uri-query-added.js'
import redirectUriQueryMismatch from './checks/redirect-uri-query-mismatch.js'
import redirectUriQueryPreserved from './checks/redirect-uri-query-preserved.js'
import redirectUriUnregistered from './checks/redirect-uri-unregistered.js'
import redirectUriVariants from './checks/redirect-uri-variants.js'
import referrerPolicy from './checks/referrer-policy.js'
import requestObject from './checks/request-object.js'
import responseModeUnknown from './checks/response-mode-unknown.js'
import responseTypeMissing from './checks/response-type-missing.js'
import responseTypeTokenDisabled from './checks/response-type-token-disabled.js'
import responseTypeUnknown from './checks/response-type-unknown.js'
import unknownParamIgnored from './checks/unknown-param-ignored.js'

function verdict(check: AnyCheck, evidence: Record<string, unknown>, on: TargetFile = target) {
  return check.evaluate(evidence as never, { target: on }) as { kind: string; message?: string }
}
const kind = (check: AnyCheck, evidence: Record<string, unknown>, on?: TargetFile) => verdict(check, evidence, on).kind

const code = callback({ code: 'c0de', state: 'st', iss: 'https://op.example' })
const errorRedirect = (error: string, extra: Record<string, string> = {}) =>
  callback({ error, state: 'st', iss: 'https://op.example', ...extra })

describe('authorization checks', () => {
  it('passes the happy path with a code in the query and fails a token in the front channel', () => {
    expect(kind(codeHappyPath, { happyFlow: flow(code) })).toBe('pass')
    expect(kind(codeHappyPath, { happyFlow: flow(callback({ code: 'c', state: 'st', access_token: 'at' })) })).toBe(
      'fail',
    )
    expect(kind(codeHappyPath, { happyFlow: flow(callback({ code: 'c', state: 'st' }, { mode: 'fragment' })) })).toBe(
      'fail',
    )
    expect(kind(codeHappyPath, { happyFlow: flow(callback({ code: 'c', state: 'other' })) })).toBe('fail')
  })

  it('requires success for the POST, unknown-parameter, reordered and empty-parameter variations', () => {
    for (const [check, key] of [
      [postMethod, 'authzPostMethod'],
      [unknownParamIgnored, 'authzUnknownParam'],
      [orderInsensitive, 'authzOrderInsensitive'],
      [emptyParamAsAbsent, 'authzEmptyParams'],
    ] as const) {
      expect(kind(check, { [key]: flow(code) })).toBe('pass')
      expect(kind(check, { [key]: flow(errorRedirect('invalid_request')) })).toBe('fail')
    }
  })

  it('reports a refused POST only as a note for a plain OAuth server', () => {
    const plain = { ...target, discovery: false as const }
    expect(kind(postMethod, { authzPostMethod: flow(page(405)) }, plain)).toBe('info')
  })

  it('accepts an error page or the right error redirect for a bad response_type, and fails a code', () => {
    expect(kind(responseTypeMissing, { authzResponseTypeMissing: flow(page()) })).toBe('pass')
    expect(
      kind(responseTypeMissing, { authzResponseTypeMissing: flow(errorRedirect('unsupported_response_type')) }),
    ).toBe('pass')
    expect(kind(responseTypeMissing, { authzResponseTypeMissing: flow(code) })).toBe('fail')
    expect(
      kind(responseTypeUnknown, { authzResponseTypeUnknown: flow(errorRedirect('unsupported_response_type')) }),
    ).toBe('pass')
    expect(kind(responseTypeUnknown, { authzResponseTypeUnknown: flow(errorRedirect('invalid_request')) })).toBe('warn')
    expect(kind(responseTypeUnknown, { authzResponseTypeUnknown: flow(errorRedirect('invalid_scope')) })).toBe('fail')
    expect(kind(responseTypeUnknown, { authzResponseTypeUnknown: flow(code) })).toBe('fail')
    expect(kind(responseTypeUnknown, { authzResponseTypeUnknown: flow(page(500)) })).toBe('warn')
  })

  it('refuses an access token for a non-advertised response_type=token', () => {
    const scenario = (result: ReturnType<typeof page>, advertised = ['code']) => ({
      authzResponseTypeToken: { ...flow(result), advertised },
    })
    expect(kind(responseTypeTokenDisabled, scenario(errorRedirect('unsupported_response_type')))).toBe('pass')
    expect(kind(responseTypeTokenDisabled, scenario(callback({ access_token: 'at' }, { mode: 'fragment' })))).toBe(
      'fail',
    )
    expect(kind(responseTypeTokenDisabled, scenario(page(), ['code', 'token']))).toBe('info')
  })

  it('wants invalid_request redirected for a repeated parameter, a page being only a warning', () => {
    expect(kind(duplicateParam, { authzDuplicateParam: flow(errorRedirect('invalid_request')) })).toBe('pass')
    expect(kind(duplicateParam, { authzDuplicateParam: flow(page()) })).toBe('warn')
    expect(kind(duplicateParam, { authzDuplicateParam: flow(code) })).toBe('fail')
  })

  it('reports auto-redirects on error as information only', () => {
    const withLogin = callback({ error: 'invalid_scope' }, { sawLogin: true })
    const all = (result: ReturnType<typeof page>) => ({
      authzAutoRedirect: {
        responseType: flow(result),
        responseTypePromptNone: flow(result),
        scope: flow(withLogin),
        scopePromptNone: flow(result),
      },
    })
    expect(kind(autoRedirectOnError, all(page()))).toBe('pass')
    expect(kind(autoRedirectOnError, all(errorRedirect('unsupported_response_type')))).toBe('info')
  })

  it('reports how an unknown scope was handled, passing invalid_scope', () => {
    expect(kind(invalidScope, { authzInvalidScope: flow(errorRedirect('invalid_scope')) })).toBe('pass')
    const ignored = flow(code, { state: 'st' }, { code: 'c0de', token: { body: { scope: 'openid' } } as never })
    expect(verdict(invalidScope, { authzInvalidScope: ignored }).message).toContain('granted scope "openid"')
  })

  it('notes an ID token issued without the openid scope', () => {
    expect(
      kind(missingOpenidScope, {
        authzMissingOpenid: flow(code, {}, { code: 'c', token: { body: { access_token: 'a' } } as never }),
      }),
    ).toBe('pass')
    expect(
      kind(missingOpenidScope, {
        authzMissingOpenid: flow(code, {}, { code: 'c', token: { body: { id_token: 'x' } } as never }),
      }),
    ).toBe('info')
  })

  it('fails any redirect for a missing or unknown client, and passes an error page', () => {
    for (const [check, key] of [
      [clientIdMissing, 'authzClientIdMissing'],
      [clientIdUnknown, 'authzClientIdUnknown'],
      [redirectUriUnregistered, 'authzRedirectUnregistered'],
      [redirectUriQueryAdded, 'authzRedirectQueryAdded'],
      [redirectUriQueryMismatch, 'authzRedirectQueryMismatch'],
      [redirectUriFragment, 'authzRedirectFragment'],
      [redirectUriCodePollution, 'authzRedirectCodePollution'],
    ] as const) {
      expect(kind(check, { [key]: { ...flow(page(400)), sent: 'https://x/cb' } })).toBe('pass')
      expect(kind(check, { [key]: { ...flow(page(200)), sent: 'https://x/cb' } })).toBe('pass')
      expect(kind(check, { [key]: { ...flow(errorRedirect('invalid_request')), sent: 'https://x/cb' } })).toBe('fail')
      expect(kind(check, { [key]: { ...flow(page(500)), sent: 'https://x/cb' } })).toBe('warn')
    }
  })

  it('fails a callback carrying two codes after an injected code', () => {
    const polluted = callback(
      {},
      {
        allParams: [
          ['code', 'attacker'],
          ['code', 'real'],
        ],
        params: { code: 'real' },
      },
    )
    expect(
      verdict(redirectUriCodePollution, { authzRedirectCodePollution: { ...flow(polluted), sent: 'x' } }).message,
    ).toContain('two "code"')
  })

  it('keeps the registered query of a redirect URI next to the code', () => {
    const registered = 'https://client.example.org/cb?tenant=blue'
    const kept = callback({ tenant: 'blue', code: 'c', state: 'st' })
    const dropped = callback({ code: 'c', state: 'st' })
    expect(kind(redirectUriQueryPreserved, { authzRedirectQueryPreserved: { ...flow(kept), registered } })).toBe('pass')
    expect(kind(redirectUriQueryPreserved, { authzRedirectQueryPreserved: { ...flow(dropped), registered } })).toBe(
      'fail',
    )
  })

  it('names every redirect URI variant that was redirected to', () => {
    const variants = [
      { name: 'trailing "/"', sent: 'https://client.example.org/cb/', flow: flow(page()) },
      { name: 'upper-case host', sent: 'https://CLIENT.example.org/cb', flow: flow(code) },
    ]
    const result = verdict(redirectUriVariants, {
      authzRedirectVariants: { registered: 'https://client.example.org/cb', variants },
    })
    expect(result.kind).toBe('fail')
    expect(result.kind === 'fail' && result.message).toContain('upper-case host')
    expect(
      kind(redirectUriVariants, { authzRedirectVariants: { registered: 'x', variants: variants.slice(0, 1) } }),
    ).toBe('pass')
  })

  it('requires an error page without redirect_uri in OIDC, and notes success for plain OAuth with one URI', () => {
    expect(
      kind(redirectUriMissing, { authzRedirectMissing: { ...flow(page()), openid: true, registeredCount: 1 } }),
    ).toBe('pass')
    expect(
      kind(redirectUriMissing, { authzRedirectMissing: { ...flow(code), openid: true, registeredCount: 1 } }),
    ).toBe('fail')
    expect(
      kind(redirectUriMissing, { authzRedirectMissing: { ...flow(code), openid: false, registeredCount: 1 } }),
    ).toBe('info')
    expect(
      kind(redirectUriMissing, { authzRedirectMissing: { ...flow(code), openid: false, registeredCount: 2 } }),
    ).toBe('fail')
  })

  it('names the single registered redirect URI when an OpenID Connect request without redirect_uri is redirected', () => {
    const oneUri = verdict(redirectUriMissing, {
      authzRedirectMissing: { ...flow(code), openid: true, registeredCount: 1 },
    })
    expect(oneUri).toMatchObject({
      kind: 'fail',
      message: expect.stringMatching(/exactly one registered redirect_uri.*OIDC Core §3\.1\.2\.1/),
    })
    const plain = verdict(redirectUriMissing, {
      authzRedirectMissing: { ...flow(code), openid: false, registeredCount: 1 },
    })
    expect(plain).toMatchObject({ kind: 'info', message: expect.stringContaining('RFC 6749 §3.1.2.3 allows that') })
  })

  it('reports whether a loopback redirect URI is accepted on another port', () => {
    const scenario = (result: ReturnType<typeof page>) => ({
      authzLoopbackPort: { ...flow(result), registered: 'http://127.0.0.1:3000/cb', sent: 'http://127.0.0.1:53412/cb' },
    })
    expect(kind(loopbackPort, scenario(code))).toBe('pass')
    expect(kind(loopbackPort, scenario(page()))).toBe('info')
  })

  it('validates the shape of every error redirect', () => {
    const redirect = (params: Record<string, string>, sentState: string | undefined = 'st') => ({
      scenario: 's',
      ...(sentState === undefined ? {} : { sentState }),
      url: 'https://client.example.org/cb',
      mode: 'query',
      params,
      allParams: Object.entries(params),
      exchanges: [],
    })
    const evidence = (...redirects: unknown[]) => ({
      authzErrorRedirects: { redirects, scenarios: 3, issuer: 'https://op.example', issAdvertised: true },
    })
    const good = { error: 'invalid_request', error_description: "bad 'x'", state: 'st', iss: 'https://op.example' }
    expect(kind(errorResponseShape, evidence(redirect(good)))).toBe('pass')
    expect(kind(errorResponseShape, evidence(redirect({ ...good, error_description: 'a "quoted" word' })))).toBe('fail')
    expect(kind(errorResponseShape, evidence(redirect({ ...good, state: 'other' })))).toBe('fail')
    expect(kind(errorResponseShape, evidence(redirect({ ...good, state: undefined as never })))).toBe('fail')
    expect(kind(errorResponseShape, evidence(redirect({ ...good, iss: undefined as never })))).toBe('fail')
    expect(kind(errorResponseShape, evidence(redirect({ ...good, code: 'c' })))).toBe('fail')
    expect(kind(errorResponseShape, evidence(redirect({ ...good, error: 'weird_error' })))).toBe('warn')
    expect(kind(errorResponseShape, evidence(redirect({ ...good, debug: '1' })))).toBe('warn')
    // A MUST check's warning is an allowed but unusual detail, not a "SHOULD-level problem".
    expect(verdict(errorResponseShape, evidence(redirect({ ...good, debug: '1' }))).message).toMatch(
      /^1 unusual detail\(s\) the specs allow: s: unexpected parameters/,
    )
    expect(kind(errorResponseShape, evidence())).toBe('skip')
  })

  it('wants access_denied redirected when the user refuses', () => {
    const scenario = (result: ReturnType<typeof page>) => ({
      authzAccessDenied: { ...flow(result), how: 'deny on the consent page' },
    })
    expect(kind(accessDenied, scenario(errorRedirect('access_denied')))).toBe('pass')
    expect(kind(accessDenied, scenario(code))).toBe('fail')
    expect(kind(accessDenied, scenario(page(200)))).toBe('warn')
    expect(kind(accessDenied, scenario(errorRedirect('login_required')))).toBe('fail')
  })

  it('requires the code flow to work without nonce and no nonce in the ID token', () => {
    const redeemed = (claims: Record<string, unknown>) =>
      flow(code, {}, { code: 'c', token: { status: 200, exchange: undefined } as never, idToken: { claims } as never })
    expect(kind(nonceOptionalCode, { authzNonceOptional: redeemed({ sub: '1' }) })).toBe('pass')
    expect(kind(nonceOptionalCode, { authzNonceOptional: redeemed({ sub: '1', nonce: 'n' }) })).toBe('fail')
    expect(kind(nonceOptionalCode, { authzNonceOptional: flow(errorRedirect('invalid_request')) })).toBe('fail')
  })

  it('fails when an optional OIDC parameter makes the request fail, naming the parameter', () => {
    const attempts = [
      { params: { display: 'page', acr_values: 'x' }, flow: flow(errorRedirect('invalid_request')) },
      { params: { display: 'popup' }, flow: flow(code) },
      { params: { display: 'page' }, flow: flow(code) },
      { params: { acr_values: 'x' }, flow: flow(errorRedirect('invalid_request')) },
    ]
    const result = verdict(oidcMtiParams, { authzOidcMti: { attempts } })
    expect(result.kind === 'fail' && result.message).toContain('acr_values=x')
    expect(kind(oidcMtiParams, { authzOidcMti: { attempts: [attempts[1]] } })).toBe('pass')
  })

  it('passes PKCE tolerance on the happy flow', () => {
    expect(kind(pkceTolerated, { happyFlow: flow(code, { code_challenge_method: 'S256' }) })).toBe('pass')
  })

  it('accepts a processed or unsupported request object, and fails when the query wins', () => {
    const scenario = (request: ReturnType<typeof page>, requestUri: ReturnType<typeof page>) => ({
      authzRequestObject: {
        request: { ...flow(request), objectState: 'obj', queryState: 'query' },
        requestUri: flow(requestUri),
        metadata: {},
      },
    })
    expect(
      kind(requestObject, scenario(errorRedirect('request_not_supported'), errorRedirect('request_uri_not_supported'))),
    ).toBe('pass')
    expect(
      kind(requestObject, scenario(callback({ code: 'c', state: 'obj' }), errorRedirect('invalid_request_uri'))),
    ).toBe('pass')
    expect(kind(requestObject, scenario(callback({ code: 'c', state: 'query' }), page()))).toBe('fail')
    expect(kind(requestObject, scenario(errorRedirect('invalid_request'), page()))).toBe('warn')
  })

  it('accepts the claims parameter and warns when an advertised essential claim is missing', () => {
    const scenario = (body: Record<string, unknown>, supported: boolean) => ({
      authzClaimsParam: {
        ...flow(code, {}, { code: 'c' }),
        userinfo: { status: 200, body, exchange: undefined },
        supported,
      },
    })
    expect(kind(claimsParam, scenario({ sub: '1', name: 'Alice' }, true))).toBe('pass')
    expect(kind(claimsParam, scenario({ sub: '1' }, true))).toBe('warn')
    expect(kind(claimsParam, scenario({ sub: '1' }, false))).toBe('info')
    expect(
      kind(claimsParam, { authzClaimsParam: { ...flow(errorRedirect('invalid_request')), supported: false } }),
    ).toBe('fail')
  })

  it('requires framing protection on the login pages', () => {
    const happy = (headers: Record<string, string>) =>
      flow(callback({ code: 'c' }, { exchanges: [htmlExchange(headers)] }))
    expect(kind(clickjacking, { happyFlow: happy({ 'x-frame-options': 'DENY' }) })).toBe('pass')
    expect(kind(clickjacking, { happyFlow: happy({ 'content-security-policy': "frame-ancestors 'none'" }) })).toBe(
      'pass',
    )
    expect(kind(clickjacking, { happyFlow: happy({ 'content-security-policy': 'frame-ancestors *' }) })).toBe('warn')
    expect(kind(clickjacking, { happyFlow: happy({}) })).toBe('warn')
  })

  it('reads the Referrer-Policy from the header or a meta element', () => {
    const happy = (headers: Record<string, string>, body?: string) =>
      flow(callback({ code: 'c' }, { exchanges: [htmlExchange(headers, body)] }))
    expect(kind(referrerPolicy, { happyFlow: happy({ 'referrer-policy': 'no-referrer' }) })).toBe('pass')
    expect(kind(referrerPolicy, { happyFlow: happy({}, '<meta name="referrer" content="same-origin">') })).toBe('pass')
    expect(kind(referrerPolicy, { happyFlow: happy({ 'referrer-policy': 'unsafe-url' }) })).toBe('info')
  })

  it('notes whether the code redirect carries its own fragment', () => {
    expect(
      kind(fragmentFix, {
        happyFlow: flow(callback({ code: 'c' }, { url: 'https://client.example.org/cb?code=c#_=_' })),
      }),
    ).toBe('pass')
    expect(kind(fragmentFix, { happyFlow: flow(code) })).toBe('info')
  })

  it('fails a 307 answer to the login POST', () => {
    const happy = (status: number) =>
      flow(callback({ code: 'c' }, { sawLogin: true, exchanges: [htmlExchange({}, '', 'POST', status)] }))
    expect(kind(no307, { happyFlow: happy(303) })).toBe('pass')
    expect(kind(no307, { happyFlow: happy(307) })).toBe('fail')
    expect(kind(no307, { happyFlow: flow(code) })).toBe('skip')
  })

  it('wants a login or consent before a public client gets a code', () => {
    expect(
      kind(consentPublicClient, { authzConsentPublicClient: flow(callback({ code: 'c' }, { sawLogin: true })) }),
    ).toBe('pass')
    expect(kind(consentPublicClient, { authzConsentPublicClient: flow(code) })).toBe('fail')
  })

  it('checks the form_post response mode', () => {
    const posted = callback({ code: 'c', state: 'st' }, { mode: 'form_post', url: 'https://client.example.org/cb' })
    expect(kind(formPostMode, { authzFormPost: { ...flow(posted), form: { method: 'post' } } })).toBe('pass')
    expect(kind(formPostMode, { authzFormPost: flow(code) })).toBe('fail')
    expect(kind(formPostMode, { authzFormPost: { ...flow(posted), form: { enctype: 'multipart/form-data' } } })).toBe(
      'fail',
    )
  })

  it('accepts invalid_request or the default mode for an unknown response_mode', () => {
    expect(kind(responseModeUnknown, { authzResponseModeUnknown: flow(errorRedirect('invalid_request')) })).toBe('pass')
    expect(
      kind(responseModeUnknown, { authzResponseModeUnknown: flow(callback({ code: 'c' }, { mode: 'fragment' })) }),
    ).toBe('info')
  })
})
