/** Behaviours of the ID token: its claims, header and signature (OIDC Core §2, §3.1.3.6–3.1.3.7, §10.1). */
import { behaviours } from '../behaviour.js'

export const idTokenBehaviours = behaviours([
  {
    id: 'id-token-nonce-omitted',
    description: 'Leaves nonce out of the ID token although the authorization request sent one.',
    violates: ['OIDCC-3.1.2.1', 'OIDCC-3.1.3.7'],
    level: 'MUST',
    client: 'Reject the ID token: its nonce must equal the one the client sent (OIDC Core §3.1.3.7 step 11).',
    seam: 'id-token',
    apply: (draft) => {
      delete draft.claims.nonce
      return draft
    },
  },
  {
    id: 'id-token-unsigned',
    description: 'Sends the ID token unsigned, with alg "none".',
    violates: ['OIDCC-3.1.3.7'],
    level: 'MUST',
    client:
      'Reject the ID token: alg "none" is acceptable only for a client that registered for it (OIDC Core §3.1.3.7 step 7).',
    seam: 'id-token',
    apply: (draft) => ({ ...draft, signing: 'unsigned' }),
  },
  {
    id: 'id-token-expired',
    description: 'Issues an ID token that expired an hour ago (iat two hours ago).',
    violates: ['OIDCC-3.1.3.7', 'RFC7519-4.1.4'],
    level: 'MUST',
    client:
      'Reject the ID token: "The current time MUST be before the time represented by the exp Claim" (OIDC Core §3.1.3.7 step 9).',
    seam: 'id-token',
    apply: (draft, { now }) => ({ ...draft, claims: { ...draft.claims, iat: now - 7200, exp: now - 3600 } }),
  },
])
