/**
 * Token request syntax and grant validation (RFC 6749 §3.2, §4.1.3, §5.2): the
 * baseline error matrix (no code, bogus code, missing/unknown/forbidden grant types), malformed
 * requests (duplicate parameters, a JSON body, a body without the form Content-Type, GET), an
 * unknown parameter, and the redirect_uri binding (missing, mismatched, then the retry that shows
 * whether a failed attempt burns the code).
 *
 * Every call that a lax server could answer with tokens presents a fresh, real code, so that a
 * token in the answer proves the server accepted the malformed request (judging on effects,
 * ); calls that can never yield a token use a bogus code and need no login.
 */

import { randomToken } from '../../../flows/authorization-request.js'
import { primaryClient } from '../../../flows/clients.js'
import { type CodeAttempt, redeem } from '../../../flows/code-flow.js'
import { codeSource } from '../../../flows/code-source.js'
import { authenticate, type CallResult, call, refresh, tokenCall } from '../../../flows/token-calls.js'
import { defineGatherer, type GatherContext } from '../../../harness/gatherer.js'

export interface TokenGrantErrorsEvidence {
  /** A random, never-issued code (code.bogus-code). */
  bogusCode: CallResult
  /** No `code` parameter. */
  codeMissing: CallResult
  /** grant_type=foo. */
  grantTypeUnknown: CallResult
  /** grant_type=password with the target's first user (ROPC, RFC 9700 §2.4). */
  password: CallResult
  /** grant_type=client_credentials. */
  clientCredentials: CallResult
}

export interface TokenRequestFormatEvidence {
  /** A real code, no grant_type. */
  grantTypeMissing: CallResult
  /** grant_type sent twice. */
  duplicateGrantType: CallResult
  /** The parameters as a JSON object, Content-Type: application/json. */
  jsonBody: CallResult
  /** The form body sent without the form Content-Type (fetch labels it text/plain). */
  textPlainBody: CallResult
  /** The exchange sent as GET with the parameters in the query. */
  get: CallResult
  /** A valid exchange plus hello=world. */
  unknownParam: CallResult
  /** A refresh with the refresh token of `unknownParam` (undefined when none was issued). */
  refresh?: CallResult
}

export interface TokenRedirectUriEvidence {
  /** The client whose codes were redeemed, and how many redirect URIs the target file registers for it. */
  clientId: string
  registeredCount: number
  /** The redirect_uri sent at the authorization endpoint. */
  registered: string
  /** A real code redeemed without redirect_uri. */
  missing: CallResult
  /** The redirect_uri sent in the mismatch call. */
  mismatchUri: string
  /** A real code redeemed with redirect_uri + extra query. */
  mismatch: CallResult
  /** The same code redeemed correctly right after the mismatch (code.failed-attempt-policy). */
  retry: CallResult
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    tokenGrantErrors: TokenGrantErrorsEvidence
    tokenRequestFormat: TokenRequestFormatEvidence
    tokenRedirectUri: TokenRedirectUriEvidence
  }
}

export const tokenGrantErrorsGatherer = defineGatherer({
  id: 'token-grant-errors',
  provides: ['tokenGrantErrors'],
  gather: async (context) => {
    const { endpoints } = await context.need('discovery')
    const client = primaryClient(context.target)
    const user = context.target.users[0]!
    const send = (form: Record<string, string | undefined>, label: string) =>
      tokenCall(context.http, endpoints.token, { client, form, label })
    const redirectUri = client.redirect_uris[0]
    return {
      tokenGrantErrors: {
        bogusCode: await send(
          { grant_type: 'authorization_code', code: randomToken(32), redirect_uri: redirectUri },
          'token errors: a random code that was never issued',
        ),
        codeMissing: await send(
          { grant_type: 'authorization_code', redirect_uri: redirectUri },
          'token errors: no "code" parameter',
        ),
        grantTypeUnknown: await send(
          { grant_type: 'foo', code: randomToken(32), redirect_uri: redirectUri },
          'token errors: grant_type=foo',
        ),
        password: await send(
          { grant_type: 'password', username: user.username, password: user.password, scope: 'openid' },
          'token errors: grant_type=password (resource owner password credentials)',
        ),
        clientCredentials: await send(
          { grant_type: 'client_credentials' },
          'token errors: grant_type=client_credentials',
        ),
      },
    }
  },
})

/** The code-exchange parameters for `attempt`, with the registered client authentication applied. */
function exchangeRequest(attempt: CodeAttempt, extra: Array<[string, string]> = []) {
  const form: Record<string, string | undefined> = {
    grant_type: 'authorization_code',
    code: attempt.code,
    redirect_uri: attempt.request.params.redirect_uri,
    code_verifier: attempt.request.codeVerifier,
  }
  const headers: Record<string, string> = {}
  authenticate(attempt.request.client, 'registered', form, headers)
  const pairs = Object.entries(form).filter((pair): pair is [string, string] => pair[1] !== undefined)
  return { pairs: [...pairs, ...extra], headers }
}

export const tokenRequestFormatGatherer = defineGatherer({
  id: 'token-request-format',
  provides: ['tokenRequestFormat'],
  gather: async (context: GatherContext) => {
    const { endpoints } = await context.need('discovery')
    const source = codeSource(context, primaryClient(context.target))
    const fresh = (what: string) => source.next(`token request format (${what}): authorize`)

    const missing = await fresh('no grant_type')
    const grantTypeMissing = await redeem(context, missing, {
      label: 'token request format: a real code without grant_type',
      extra: { grant_type: undefined },
    })

    const duplicate = exchangeRequest(await fresh('duplicate grant_type'), [['grant_type', 'authorization_code']])
    const duplicateGrantType = await call(context.http, {
      url: endpoints.token,
      method: 'POST',
      headers: { ...duplicate.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(duplicate.pairs).toString(),
      label: 'token request format: grant_type sent twice',
    })

    const json = exchangeRequest(await fresh('JSON body'))
    const jsonBody = await call(context.http, {
      url: endpoints.token,
      method: 'POST',
      headers: { ...json.headers, 'content-type': 'application/json' },
      body: JSON.stringify(Object.fromEntries(json.pairs)),
      label: 'token request format: the parameters as a JSON body (Content-Type: application/json)',
    })

    const plain = exchangeRequest(await fresh('no form Content-Type'))
    const textPlainBody = await call(context.http, {
      url: endpoints.token,
      method: 'POST',
      headers: plain.headers,
      body: new URLSearchParams(plain.pairs).toString(),
      label: 'token request format: a form body without the application/x-www-form-urlencoded Content-Type',
    })

    const viaGet = exchangeRequest(await fresh('GET'))
    const url = new URL(endpoints.token)
    for (const [name, value] of viaGet.pairs) url.searchParams.append(name, value)
    const get = await call(context.http, {
      url: url.toString(),
      method: 'GET',
      headers: viaGet.headers,
      label: 'token request format: the code exchange sent as GET with the parameters in the query',
    })

    const unknown = await fresh('unknown parameter')
    const unknownParam = await redeem(context, unknown, {
      label: 'token request format: a valid exchange plus hello=world',
      extra: { hello: 'world' },
    })
    const refreshToken =
      typeof unknownParam.body?.refresh_token === 'string' ? unknownParam.body.refresh_token : undefined
    return {
      tokenRequestFormat: {
        grantTypeMissing,
        duplicateGrantType,
        jsonBody,
        textPlainBody,
        get,
        unknownParam,
        refresh: refreshToken
          ? await refresh(context.http, endpoints.token, {
              client: unknown.request.client,
              refreshToken,
              label: 'token request format: refresh (for its response headers)',
            })
          : undefined,
      },
    }
  },
})

/** The registered redirect_uri with an extra query parameter (what OAuch's RedirectUriCheckedTest sends). */
export function mismatchedRedirectUri(uri: string): string {
  return `${uri}${uri.includes('?') ? (uri.endsWith('?') || uri.endsWith('&') ? '' : '&') : '?'}x=y`
}

export const tokenRedirectUriGatherer = defineGatherer({
  id: 'token-redirect-uri',
  provides: ['tokenRedirectUri'],
  gather: async (context) => {
    const client = primaryClient(context.target)
    const source = codeSource(context, client)
    const first = await source.next('redirect_uri binding (missing): authorize')
    const missing = await redeem(context, first, {
      label: 'redirect_uri binding: a real code redeemed without redirect_uri',
      redirectUri: null,
    })
    const second = await source.next('redirect_uri binding (mismatch): authorize')
    const registered = second.request.params.redirect_uri ?? second.request.redirectUri
    const mismatchUri = mismatchedRedirectUri(registered)
    const mismatch = await redeem(context, second, {
      label: 'redirect_uri binding: a real code redeemed with another redirect_uri',
      redirectUri: mismatchUri,
    })
    const retry = await redeem(context, second, {
      label: 'redirect_uri binding: the same code redeemed correctly after the failed attempt',
    })
    return {
      tokenRedirectUri: {
        clientId: client.client_id,
        registeredCount: client.redirect_uris.length,
        registered,
        missing,
        mismatchUri,
        mismatch,
        retry,
      },
    }
  },
})
