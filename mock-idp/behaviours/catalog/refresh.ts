/** Behaviours of the refresh token grant (RFC 6749 §6; RFC 9700 §4.14). */
import { behaviours, type SeamContext } from '../behaviour.js'
import { withoutCacheHeaders } from '../result-edits.js'

/** Whether the token request is a refresh (RFC 6749 §6: grant_type=refresh_token, form-encoded). */
function isRefresh({ request }: SeamContext): boolean {
  if (request.contentType !== 'application/x-www-form-urlencoded') return false
  return new URLSearchParams(request.bodyText ?? '').get('grant_type') === 'refresh_token'
}

export const refreshBehaviours = behaviours([
  {
    id: 'refresh-response-cacheable',
    description: 'Sends refresh responses, which carry tokens, without "Cache-Control: no-store".',
    violates: ['RFC6749-5.1'],
    level: 'MUST',
    client: 'Nothing a client sees in its own behaviour; a client must not cache token responses itself either.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result, context) =>
      isRefresh(context) && result.kind === 'json' && result.status === 200 ? withoutCacheHeaders(result) : result,
  },
  {
    id: 'refresh-token-short',
    description: 'Issues refresh tokens of 8 characters (at most 48 bits), which can be guessed.',
    violates: ['RFC6749-10.10'],
    level: 'MUST',
    client: 'Nothing a client can do about it; report it: a guessable refresh token is a long-lived credential.',
    seam: 'mint',
    kind: 'refresh_token',
    apply: (value) => value.slice(0, 8),
  },
  {
    id: 'refresh-token-not-bound-to-client',
    description: "Lets any authenticated client use another client's refresh token.",
    violates: ['RFC6749-10.4'],
    level: 'MUST',
    client:
      "Nothing a client sees; never share refresh tokens between clients, and keep them as secret as the client's credentials.",
    seam: 'validation',
    waives: 'refresh-token-client-binding',
  },
  {
    id: 'refresh-without-client-authentication',
    description: 'Refreshes for a confidential client that sends only its client_id, without its credentials.',
    violates: ['RFC6749-6'],
    level: 'MUST',
    client: 'Nothing a client sees when it behaves; always authenticate refresh requests as at the code exchange.',
    seam: 'validation',
    waives: 'refresh-client-authentication',
  },
  {
    id: 'refresh-token-not-rotated',
    description:
      'Never rotates refresh tokens, also not those of public clients, which are not sender-constrained either.',
    violates: ['RFC9700-2.2.2'],
    level: 'MUST',
    client:
      'Keep using the refresh token you have when no new one comes back (RFC 6749 §5.1: refresh_token is OPTIONAL).',
    seam: 'validation',
    waives: 'refresh-token-rotation',
  },
  {
    id: 'refresh-rotated-token-still-valid',
    description: 'Issues a new refresh token on every refresh but keeps accepting the one it replaced.',
    violates: ['RFC9700-4.14.2'],
    level: 'MUST',
    client: 'Nothing a client sees; always store the newest refresh token and discard the one it replaced.',
    seam: 'validation',
    waives: 'refresh-token-invalidated-on-rotation',
  },
  {
    id: 'refresh-reuse-keeps-grant',
    description: 'Refuses a rotated-out refresh token but leaves the newest refresh token of its grant usable.',
    violates: ['RFC9700-4.14.2'],
    level: 'SHOULD',
    client:
      'Nothing a client sees; a client that gets invalid_grant for a refresh token must start a new authorization.',
    seam: 'validation',
    waives: 'refresh-reuse-revokes-grant',
  },
  {
    id: 'refresh-scope-narrowing-ignored',
    description: 'Grants the full original scope to a refresh that asks for a narrower one.',
    violates: ['RFC6749-6'],
    level: 'MUST',
    client: 'Read "scope" in the refresh response and use the access token only for what was asked.',
    seam: 'validation',
    waives: 'refresh-scope-narrowing',
  },
  {
    id: 'refresh-scope-escalation-granted',
    description: 'Grants a refresh the scope it asks for, including scope the resource owner never granted.',
    violates: ['RFC6749-6'],
    level: 'MUST',
    client: 'Nothing a client sees when it behaves; never ask a refresh for more than the original grant.',
    seam: 'validation',
    waives: 'refresh-scope-no-widening',
  },
  {
    id: 'refresh-narrowed-refresh-token',
    description:
      'Gives the refresh token issued by a narrowing refresh the narrowed scope instead of the scope of the one it replaces.',
    violates: ['RFC6749-6'],
    level: 'MUST',
    client:
      'A client that narrows a refresh loses the rest of its grant for good; it can only notice when a later refresh without "scope" returns less.',
    seam: 'validation',
    waives: 'refresh-token-keeps-scope',
  },
  {
    id: 'refresh-errors-status-200',
    description:
      'Answers refresh requests it refuses (an unknown, revoked or foreign refresh token) with HTTP 200 and the error object.',
    violates: ['RFC6749-5.2'],
    level: 'MUST',
    client:
      'Treat a token response with an "error" member, or without "access_token", as a failure whatever its status.',
    seam: 'response',
    endpoints: ['token'],
    apply: (result, context) =>
      isRefresh(context) && result.kind === 'json' && result.status >= 400 ? { ...result, status: 200 } : result,
  },
])
