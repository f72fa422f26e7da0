/** Behaviours of token introspection (RFC 7662). */
import { noStoreJson } from '../../http/endpoint-result.js'
import { behaviours } from '../behaviour.js'
import { lacksToken } from './revocation.js'

/** The body of a JSON result, when it is an object. */
function bodyOf(result: { kind: string; body?: unknown }): Record<string, unknown> | undefined {
  return result.kind === 'json' && typeof result.body === 'object' && result.body !== null
    ? (result.body as Record<string, unknown>)
    : undefined
}

export const introspectionBehaviours = behaviours([
  {
    id: 'introspection-without-client-authentication',
    description: 'Answers introspection requests about any token without authenticating the caller.',
    violates: ['RFC7662-2.1'],
    level: 'MUST',
    client: 'Nothing a client sees when it behaves; always authenticate introspection requests.',
    seam: 'validation',
    waives: 'introspection-client-authentication',
  },
  {
    id: 'introspection-hint-trusted',
    description:
      'Looks for the token only among the type token_type_hint names, so a wrong hint reports an active token inactive.',
    violates: ['RFC7662-2.1'],
    level: 'MUST',
    client: 'Send the right token_type_hint, or none.',
    seam: 'validation',
    waives: 'introspection-hint-fallback',
  },
  {
    id: 'introspection-access-tokens-inactive',
    description: 'Reports every access token "active": false (it looks up refresh tokens only).',
    violates: ['RFC7662-2.2'],
    level: 'MUST',
    client: 'A resource server must refuse a token introspected as inactive; report the defect.',
    seam: 'response',
    endpoints: ['introspection'],
    apply: (result) =>
      bodyOf(result)?.active === true && bodyOf(result)?.token_type !== undefined
        ? { ...result, body: { active: false } }
        : result,
  },
  {
    id: 'introspection-inactive-as-error',
    description:
      'Answers the introspection of an unknown, expired or revoked token with 400 invalid_token instead of {"active": false}.',
    violates: ['RFC7662-2.2'],
    level: 'MUST',
    client: 'Treat any answer other than "active": true as an inactive token.',
    seam: 'response',
    endpoints: ['introspection'],
    apply: (result) =>
      bodyOf(result)?.active === false
        ? noStoreJson({ error: 'invalid_token', error_description: 'the token is not active' }, 400)
        : result,
  },
  {
    id: 'introspection-inactive-explained',
    description: 'Adds why a token is inactive (an "error_description") to {"active": false}.',
    violates: ['RFC7662-2.2'],
    level: 'SHOULD',
    client: 'Read only "active" of an inactive answer.',
    seam: 'response',
    endpoints: ['introspection'],
    apply: (result) =>
      bodyOf(result)?.active === false
        ? { ...result, body: { active: false, error_description: 'the token is unknown, expired or revoked' } }
        : result,
  },
  {
    id: 'introspection-missing-token-200',
    description:
      'Answers an introspection request without the "token" parameter with {"active": false} instead of invalid_request.',
    violates: ['RFC7662-2.1'],
    level: 'MUST',
    client: 'Nothing a client sees when it behaves; always send "token".',
    seam: 'response',
    endpoints: ['introspection'],
    apply: (result, context) =>
      result.kind === 'json' && result.status === 400 && lacksToken(context) ? noStoreJson({ active: false }) : result,
  },
])
