/**
 * Proof Key for Code Exchange (RFC 7636 §4.3, §4.4.1) and its requirement for public clients
 * (OAuth 2.0 Security BCP §2.1.1: "public clients MUST use PKCE").
 *
 * RFC 7636 §4.3: "code_challenge_method OPTIONAL, defaults to "plain" if not present in the
 * request." So a challenge without a method is a plain challenge, and is refused unless
 * `pkce.allowPlain`. RFC 7636 §4.4.1: "If the server requires Proof Key for Code Exchange (PKCE)
 * by OAuth public clients and the client does not send the "code_challenge" in the request, the
 * authorization endpoint MUST return the authorization error response with the "error" value
 * set to "invalid_request"."
 */
import type { ClientConfig, MockIdpConfig } from '../../config/schema.js'
import { InvalidRequest } from '../../errors.js'
import type { PkceMethod } from '../../store/records.js'
import { clientOf, type Step, type StepInput } from '../step.js'

// RFC 7636 §4.2 / §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~".
const CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/

export const checkPkce: Step = ({ params, config, behaviours }, draft) => {
  const client = clientOf(draft)
  const challenge = params.get('code_challenge')
  const method = params.get('code_challenge_method')
  if (challenge === undefined) {
    if (method !== undefined) {
      throw new InvalidRequest('"code_challenge_method" was sent without "code_challenge" (RFC 7636 §4.3)')
    }
    const reason = pkceRequiredBecause(client, config)
    if (reason && behaviours.enforces('pkce-required'))
      throw new InvalidRequest(`"code_challenge" is required: ${reason} (RFC 7636 §4.4.1)`)
    return draft
  }
  const known = method === undefined || method === 'S256' || method === 'plain'
  if (!known && behaviours.enforces('pkce-method-supported')) {
    throw new InvalidRequest(
      `"code_challenge_method" "${method}" is not supported; use "S256"${config.pkce.allowPlain ? ' or "plain"' : ''}`,
    )
  }
  const effective = effectiveMethod(method, behaviours)
  if (effective === 'plain' && !config.pkce.allowPlain && behaviours.enforces('pkce-plain-policy')) {
    throw new InvalidRequest(
      method === undefined
        ? '"code_challenge_method" is missing, which means "plain" (RFC 7636 §4.3), and "plain" is not allowed here; send code_challenge_method=S256'
        : '"code_challenge_method" "plain" is not allowed here; use "S256" (RFC 7636 §4.2)',
    )
  }
  if (!CHALLENGE.test(challenge) && behaviours.enforces('pkce-challenge-syntax')) {
    throw new InvalidRequest(
      `"code_challenge" must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.2); got ${challenge.length} characters${/^[A-Za-z0-9\-._~]*$/.test(challenge) ? '' : ' including characters outside that set'}`,
    )
  }
  return { ...draft, codeChallenge: challenge, codeChallengeMethod: effective }
}

/**
 * The method a challenge is stored with. RFC 7636 §4.3: a missing method means "plain". With a rule
 * waived, a missing or unknown method is taken for S256 — what a server that only implements S256
 * and never reads the parameter does.
 */
function effectiveMethod(method: string | undefined, behaviours: StepInput['behaviours']): PkceMethod {
  if (method === 'S256' || method === 'plain') return method
  if (method === undefined) return behaviours.enforces('pkce-method-defaults-to-plain') ? 'plain' : 'S256'
  return 'S256'
}

/** Why this client must use PKCE, or undefined when it need not. */
export function pkceRequiredBecause(client: ClientConfig, config: MockIdpConfig): string | undefined {
  if (client.token_endpoint_auth_method === 'none') return `client "${client.client_id}" is a public client`
  if (client.require_pkce === true) return `client "${client.client_id}" is registered with require_pkce`
  if (config.pkce.requireFor === 'all') return 'this server requires PKCE for every client (pkce.requireFor "all")'
  return undefined
}
