/**
 * For disc.metadata-vs-behaviour: one authorization request with a value the metadata does not
 * advertise (RFC 8414 §2: the lists say what the server supports), which should be refused. It
 * picks `code_challenge_method=plain` when plain is not advertised (the security-relevant one),
 * else `response_type=token` when that is not advertised.
 */
import { type AuthorizationAttempt, authorize } from '../../../flows/code-flow.js'
import { defineGatherer } from '../../../harness/gatherer.js'

export interface NonAdvertisedEvidence {
  /** What was tried, e.g. { parameter: 'code_challenge_method', value: 'plain', list: 'code_challenge_methods_supported' }. */
  tried?: { parameter: string; value: string; list: string }
  attempt?: AuthorizationAttempt
  /** Why nothing was tried. */
  reason?: string
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    discoveryNonAdvertised: NonAdvertisedEvidence
  }
}

export const discoveryNonAdvertisedGatherer = defineGatherer({
  id: 'discovery-non-advertised',
  provides: ['discoveryNonAdvertised'],
  gather: async (context) => {
    const { metadata } = await context.need('discovery')
    if (!metadata) return { discoveryNonAdvertised: { reason: 'no discovery document' } }
    const methods = metadata.code_challenge_methods_supported
    const responseTypes = metadata.response_types_supported
    if (Array.isArray(methods) && methods.includes('S256') && !methods.includes('plain')) {
      const attempt = await authorize(context, {
        label: 'discovery: code_challenge_method=plain, which the metadata does not advertise',
        pkce: 'plain',
        jar: context.http.newJar(),
      })
      return {
        discoveryNonAdvertised: {
          tried: { parameter: 'code_challenge_method', value: 'plain', list: 'code_challenge_methods_supported' },
          attempt,
        },
      }
    }
    if (Array.isArray(responseTypes) && !responseTypes.includes('token')) {
      const attempt = await authorize(context, {
        label: 'discovery: response_type=token, which the metadata does not advertise',
        overrides: { response_type: 'token' },
        jar: context.http.newJar(),
      })
      return {
        discoveryNonAdvertised: {
          tried: { parameter: 'response_type', value: 'token', list: 'response_types_supported' },
          attempt,
        },
      }
    }
    return {
      discoveryNonAdvertised: { reason: 'every candidate value (plain PKCE, response_type=token) is advertised' },
    }
  },
})
