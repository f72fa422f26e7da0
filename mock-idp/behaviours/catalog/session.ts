/**
 * Behaviours of the login session at the authorization endpoint: prompt, max_age and
 * id_token_hint (OIDC Core §3.1.2.1, §3.1.2.6).
 */
import { behaviours } from '../behaviour.js'

export const sessionBehaviours = behaviours([
  {
    id: 'prompt-none-shows-login',
    description:
      'Shows the login page for prompt=none when the user is not signed in, instead of answering login_required.',
    violates: ['OIDCC-3.1.2.6'],
    level: 'MUST',
    client:
      'A silent (prompt=none) request, e.g. in a hidden iframe, never comes back: time it out and fall back to an interactive login.',
    seam: 'validation',
    waives: 'prompt-none-no-ui',
  },
  {
    id: 'prompt-none-ignores-session',
    description: 'Answers every prompt=none request with login_required, even when the user is signed in.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'MUST',
    client: 'Fall back to an interactive login when a silent one answers login_required.',
    seam: 'validation',
    waives: 'prompt-none-uses-session',
  },
  {
    id: 'prompt-none-combined-accepted',
    description:
      'Accepts prompt=none combined with other values and acts on the others (a login page for "none login").',
    violates: ['OIDCC-3.1.2.1'],
    level: 'MUST',
    client: 'Nothing a client sees when it behaves; never combine prompt=none with other values.',
    seam: 'validation',
    waives: 'prompt-none-alone',
  },
  {
    id: 'prompt-login-ignored',
    description: 'Reuses the existing session for prompt=login instead of asking the user to log in again.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'SHOULD',
    client:
      'Compare auth_time with the time of the request when a fresh login matters; use max_age=0 where it must be enforced.',
    seam: 'validation',
    waives: 'prompt-login-reauthenticates',
  },
  {
    id: 'prompt-consent-ignored',
    description: 'Skips the consent page for prompt=consent when the user has consented before.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'SHOULD',
    client: 'Nothing a client can check; do not rely on prompt=consent for a fresh consent.',
    seam: 'validation',
    waives: 'prompt-consent-asks',
  },
  {
    id: 'max-age-ignored',
    description: 'Reuses a session older than max_age instead of re-authenticating the user.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'MUST',
    client: 'Reject the ID token when auth_time is older than max_age allows (OIDC Core §3.1.3.7 step 13).',
    seam: 'validation',
    waives: 'max-age-reauthenticates',
  },
  {
    id: 'max-age-always-reauthenticates',
    description: 'Asks the user to log in again for any max_age, even when the last login is well within it.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'MUST',
    client: 'Nothing a client can do; users see needless logins.',
    seam: 'validation',
    waives: 'max-age-keeps-recent-login',
  },
  {
    id: 'max-age-zero-ignored',
    description: 'Treats max_age=0 as absent and reuses the existing session.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'SHOULD',
    client: 'Reject the ID token when auth_time is older than the request (OIDC Core §3.1.3.7 step 13).',
    seam: 'validation',
    waives: 'max-age-zero-reauthenticates',
  },
  {
    id: 'id-token-hint-other-user-ignored',
    description: 'Issues a code for the signed-in user although id_token_hint names another user.',
    violates: ['OIDCC-3.1.2.1'],
    level: 'SHOULD',
    client: 'Compare the "sub" of the new ID token with the one the hint named and refuse a different user.',
    seam: 'validation',
    waives: 'id-token-hint-subject-match',
  },
])
