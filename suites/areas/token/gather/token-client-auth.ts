/**
 * Client authentication at the token endpoint (RFC 6749 §2.3, §2.3.1, §3.2.1, §5.2; OIDC Core §9):
 * each registered method working, and each failure — no credentials, a wrong
 * secret, credentials in the URI, two methods at once, the wrong method, a mismatched client_id,
 * an un-encoded Basic header — presented with a fresh, real code so that a lax server would be
 * caught issuing tokens.
 */
import { isConfidential, otherConfidentialClient, primaryClient, publicClient } from '../../../flows/clients.js'
import { redeem } from '../../../flows/code-flow.js'
import { codeSource } from '../../../flows/code-source.js'
import { type CallResult, call } from '../../../flows/token-calls.js'
import { EvidenceUnavailable } from '../../../harness/evidence.js'
import { defineGatherer, type GatherContext } from '../../../harness/gatherer.js'
import type { TargetClient } from '../../../harness/target.js'

export interface ClientCall {
  client: string
  call: CallResult
}

export interface TokenClientAuthEvidence {
  /** The client the failures were tried with and its registered method. */
  client: string
  method: TargetClient['token_endpoint_auth_method']
  /** Only client_id in the body, no secret. */
  secretMissing: CallResult
  /** No client authentication and no client_id at all. */
  nothing: CallResult
  /** A wrong secret with HTTP Basic (undefined when the target has no Basic client). */
  wrongSecretBasic?: ClientCall
  /** A wrong secret with client_secret_post (undefined when the target has no post client). */
  wrongSecretPost?: ClientCall
  /** client_id and client_secret in the token URL query only. */
  inQuery: CallResult
  /** HTTP Basic and client_secret in the body, both correct. */
  multipleMethods: CallResult
  /** The correct secret, but with the method the client did not register (basic ↔ post). */
  unregisteredMethod: CallResult
  /** The client's Basic credentials with another client's client_id in the body. */
  clientIdMismatch: { bodyClientId: string; call: CallResult }
}

export interface MethodFlow {
  client: string
  advertised?: boolean
  call: CallResult
}

export interface TokenPublicClientEvidence {
  client: string
  /** PKCE S256, client_id only: must succeed. */
  success: CallResult
  /** PKCE S256, no client_id at all: must be refused. */
  withoutClientId: CallResult
}

export interface TokenBasicUrlencodedEvidence {
  client: string
  /** Which parts change under form-urlencoding. */
  idChanges: boolean
  secretChanges: boolean
  /** RFC 6749 §2.3.1 form: each part form-urlencoded before base64. */
  encoded: CallResult
  /** The raw values joined by ":" (undefined when the raw form would legitimately decode to the same values). */
  unencoded?: CallResult
}

export interface TokenCodeBindingEvidence {
  /** The client the code was issued to, and the one that tried to redeem it. */
  issuedTo: string
  redeemedBy: string
  call: CallResult
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    tokenClientAuth: TokenClientAuthEvidence
    tokenBasicAuth: MethodFlow
    tokenPostAuth: MethodFlow
    tokenPublicClient: TokenPublicClientEvidence
    tokenBasicUrlencoded: TokenBasicUrlencodedEvidence
    tokenCodeBinding: TokenCodeBindingEvidence
  }
}

const WRONG_SECRET = 'codeflow-wrong-secret-0000'

/** RFC 6749 App. B encoding, as the Basic credentials need it (RFC 6749 §2.3.1). */
export function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}

/** What a server that form-decodes correctly reads from the raw (un-encoded) value. */
export function formDecodeLenient(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

function firstWith(target: GatherContext['target'], method: TargetClient['token_endpoint_auth_method']) {
  return target.clients.find((client) => client.token_endpoint_auth_method === method && isConfidential(client))
}

export const tokenClientAuthGatherer = defineGatherer({
  id: 'token-client-auth',
  provides: ['tokenClientAuth'],
  gather: async (context) => {
    const { endpoints } = await context.need('discovery')
    const client = primaryClient(context.target)
    if (!isConfidential(client)) {
      throw new EvidenceUnavailable('the target file has no confidential client (with a client_secret)')
    }
    const secret = client.client_secret!
    const source = codeSource(context, client)
    const fresh = (what: string) => source.next(`client authentication (${what}): authorize`)
    const label = (what: string) => `client authentication: ${what}`

    const secretMissing = await redeem(context, await fresh('no secret'), {
      label: label('client_id in the body, no secret'),
      auth: { post: { id: client.client_id } },
    })
    const nothing = await redeem(context, await fresh('nothing'), {
      label: label('no client authentication and no client_id'),
      auth: 'none',
    })

    const basicClient = firstWith(context.target, 'client_secret_basic')
    const postClient = firstWith(context.target, 'client_secret_post')
    const wrongSecret = async (other: TargetClient, how: 'basic' | 'post'): Promise<ClientCall> => {
      const otherSource = other.client_id === client.client_id ? source : codeSource(context, other)
      const attempt = await otherSource.next(`client authentication (wrong ${how} secret): authorize`)
      return {
        client: other.client_id,
        call: await redeem(context, attempt, {
          label: label(`a wrong client_secret with ${how === 'basic' ? 'HTTP Basic' : 'client_secret_post'}`),
          auth:
            how === 'basic'
              ? { basic: { id: other.client_id, secret: WRONG_SECRET } }
              : { post: { id: other.client_id, secret: WRONG_SECRET } },
        }),
      }
    }
    const wrongSecretBasic = basicClient ? await wrongSecret(basicClient, 'basic') : undefined
    const wrongSecretPost = postClient ? await wrongSecret(postClient, 'post') : undefined

    const queryAttempt = await fresh('credentials in the query')
    const queryUrl = new URL(endpoints.token)
    queryUrl.searchParams.set('client_id', client.client_id)
    queryUrl.searchParams.set('client_secret', secret)
    const inQuery = await call(context.http, {
      url: queryUrl.toString(),
      method: 'POST',
      form: {
        grant_type: 'authorization_code',
        code: queryAttempt.code,
        redirect_uri: queryAttempt.request.params.redirect_uri,
        code_verifier: queryAttempt.request.codeVerifier,
      },
      label: label('client_id and client_secret in the token URL query only'),
    })

    const multipleMethods = await redeem(context, await fresh('two methods'), {
      label: label('HTTP Basic and client_secret in the body together'),
      auth: { basic: { id: client.client_id, secret } },
      extra: { client_secret: secret },
    })

    const unregisteredMethod = await redeem(context, await fresh('unregistered method'), {
      label: label(
        `the correct secret with ${client.token_endpoint_auth_method === 'client_secret_basic' ? 'client_secret_post' : 'HTTP Basic'}, which the client did not register`,
      ),
      auth:
        client.token_endpoint_auth_method === 'client_secret_basic'
          ? { post: { id: client.client_id, secret } }
          : { basic: { id: client.client_id, secret } },
    })

    const bodyClientId =
      context.target.clients.find((other) => other.client_id !== client.client_id)?.client_id ??
      'codeflow-another-client'
    const clientIdMismatch = {
      bodyClientId,
      call: await redeem(context, await fresh('client_id mismatch'), {
        label: label(`HTTP Basic for "${client.client_id}" with client_id "${bodyClientId}" in the body`),
        auth: { basic: { id: client.client_id, secret } },
        extra: { client_id: bodyClientId },
      }),
    }

    return {
      tokenClientAuth: {
        client: client.client_id,
        method: client.token_endpoint_auth_method,
        secretMissing,
        nothing,
        wrongSecretBasic,
        wrongSecretPost,
        inQuery,
        multipleMethods,
        unregisteredMethod,
        clientIdMismatch,
      },
    }
  },
})

/** One complete exchange with the first client registered for `method`; the result is recorded, never thrown. */
async function methodFlow(
  context: GatherContext,
  method: 'client_secret_basic' | 'client_secret_post',
): Promise<MethodFlow> {
  const client = firstWith(context.target, method)
  if (!client)
    throw new EvidenceUnavailable(`the target file has no client with token_endpoint_auth_method "${method}"`)
  const discovery = await context.need('discovery')
  const supported = discovery.metadata?.token_endpoint_auth_methods_supported
  // OIDC Discovery §3: "If omitted, the default is client_secret_basic".
  const advertised = Array.isArray(supported) ? supported.includes(method) : method === 'client_secret_basic'
  // The happy flow's exchange is reused when it was this client's; when it could not be driven
  // (e.g. because this very method is refused), the method gets its own flow, so that the refusal
  // is judged rather than reported as a drive failure.
  const happy = await context.need('happyFlow').catch(() => undefined)
  if (happy?.attempt.request.client.client_id === client.client_id)
    return { client: client.client_id, advertised, call: happy.token }
  const attempt = await codeSource(context, client).next(`${method}: authorize`)
  return {
    client: client.client_id,
    advertised,
    call: await redeem(context, attempt, { label: `${method}: redeem the code` }),
  }
}

export const tokenBasicAuthGatherer = defineGatherer({
  id: 'token-basic-auth',
  provides: ['tokenBasicAuth'],
  gather: async (context) => ({ tokenBasicAuth: await methodFlow(context, 'client_secret_basic') }),
})

export const tokenPostAuthGatherer = defineGatherer({
  id: 'token-post-auth',
  provides: ['tokenPostAuth'],
  gather: async (context) => ({ tokenPostAuth: await methodFlow(context, 'client_secret_post') }),
})

export const tokenPublicClientGatherer = defineGatherer({
  id: 'token-public-client',
  provides: ['tokenPublicClient'],
  gather: async (context) => {
    const client = publicClient(context.target)
    const source = codeSource(context, client)
    const success = await redeem(context, await source.next('public client: authorize'), {
      label: 'public client: redeem the code with client_id and code_verifier, no secret',
      auth: { post: { id: client.client_id } },
    })
    const withoutClientId = await redeem(context, await source.next('public client (no client_id): authorize'), {
      label: 'public client: redeem the code without client_id',
      auth: 'none',
    })
    return { tokenPublicClient: { client: client.client_id, success, withoutClientId } }
  },
})

export const tokenBasicUrlencodedGatherer = defineGatherer({
  id: 'token-basic-urlencoded',
  provides: ['tokenBasicUrlencoded'],
  gather: async (context) => {
    const changes = (value: string) => formEncode(value) !== value
    const client = context.target.clients.find(
      (candidate) =>
        candidate.token_endpoint_auth_method === 'client_secret_basic' &&
        candidate.client_secret !== undefined &&
        (changes(candidate.client_id) || changes(candidate.client_secret)),
    )
    if (!client) {
      throw new EvidenceUnavailable(
        'no client_secret_basic client in the target file has a client_id or client_secret that changes under form-urlencoding; ' +
          'register a client with a secret such as "s3cr3t:+/ %=" and add it to the target file to test RFC 6749 §2.3.1 encoding',
      )
    }
    const secret = client.client_secret!
    const source = codeSource(context, client)
    const encoded = await redeem(context, await source.next('Basic credentials form-urlencoded: authorize'), {
      label: 'client_secret_basic: credentials form-urlencoded before base64 (RFC 6749 §2.3.1)',
      auth: { basic: { id: client.client_id, secret }, encode: true },
    })
    // A correct server form-decodes the raw value; if that yields the same value (e.g. a raw ":" in
    // the secret, or "~"), accepting the raw header is correct, so it is only tried when it differs.
    const rawDiffers =
      client.client_id.includes(':') ||
      formDecodeLenient(client.client_id) !== client.client_id ||
      formDecodeLenient(secret) !== secret
    const unencoded = rawDiffers
      ? await redeem(context, await source.next('Basic credentials not encoded: authorize'), {
          label: 'client_secret_basic: the raw credentials, not form-urlencoded',
          auth: { basic: { id: client.client_id, secret }, encode: false },
        })
      : undefined
    return {
      tokenBasicUrlencoded: {
        client: client.client_id,
        idChanges: changes(client.client_id),
        secretChanges: changes(secret),
        encoded,
        unencoded,
      },
    }
  },
})

export const tokenCodeBindingGatherer = defineGatherer({
  id: 'token-code-binding',
  provides: ['tokenCodeBinding'],
  gather: async (context) => {
    const issuedTo = primaryClient(context.target)
    const other = otherConfidentialClient(context.target, issuedTo)
    const attempt = await codeSource(context, issuedTo).next('code bound to client: authorize')
    const call = await redeem(context, attempt, {
      label: `code bound to client: "${issuedTo.client_id}"'s code redeemed by "${other.client_id}" with its own valid credentials`,
      client: other,
    })
    return { tokenCodeBinding: { issuedTo: issuedTo.client_id, redeemedBy: other.client_id, call } }
  },
})
