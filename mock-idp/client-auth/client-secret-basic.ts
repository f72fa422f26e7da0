/**
 * `client_secret_basic` (RFC 6749 §2.3.1; OIDC Core §9): HTTP Basic authentication.
 *
 * RFC 6749 §2.3.1: "The client identifier is encoded using the application/x-www-form-urlencoded
 * encoding algorithm per Appendix B, and the encoded value is used as the username; the client
 * password is encoded using the same algorithm and used as the password." So after base64 each half
 * is form-decoded: '+' is a space and %XX an octet. A header that cannot be decoded that way is a
 * failed client authentication (invalid_client), answered with a Basic challenge.
 */
import { InvalidClient } from '../errors.js'
import type { PresentedCredentials } from './presented-credentials.js'

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Reads `Authorization: Basic …`; anything else that is not Basic is reported as such. */
export function readBasicCredentials(authorization: string, formDecoded = true): PresentedCredentials {
  const match = /^(\S+) +(\S+)$/.exec(authorization.trim())
  // RFC 9110 §11.1: "It uses a case-insensitive token to identify the authentication scheme".
  if (!match || match[1]!.toLowerCase() !== 'basic') {
    throw malformed(
      `the Authorization header must use the Basic scheme ("Basic" followed by base64 credentials) (RFC 6749 §2.3.1)`,
    )
  }
  const encoded = match[2]!
  const bytes = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined
  // Re-encoding rejects what Node's lenient decoder would silently repair (bad padding, stray bits).
  if (!bytes || bytes.toString('base64') !== encoded) {
    throw malformed('the Basic credentials are not valid base64 (RFC 7617 §2)')
  }
  let decoded: string
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw malformed('the Basic credentials are not valid UTF-8 (RFC 7617 §2.1)')
  }
  const colon = decoded.indexOf(':')
  if (colon === -1)
    throw malformed('the Basic credentials have no ":" between client_id and client_secret (RFC 7617 §2)')
  // Taken as is (no form-decoding) only when a behaviour waives the rule.
  const decode = formDecoded ? formDecode : (value: string) => value
  const clientId = decode(decoded.slice(0, colon))
  const clientSecret = decode(decoded.slice(colon + 1))
  if (clientId === '') throw malformed('the Basic credentials have an empty client_id')
  return { method: 'client_secret_basic', clientId, clientSecret }
}

/** application/x-www-form-urlencoded decoding (RFC 6749 Appendix B), strict about bad escapes. */
export function formDecode(value: string): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) {
    throw malformed('the Basic credentials contain a "%" that is not a valid %XX escape (RFC 6749 Appendix B)')
  }
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    throw malformed('the Basic credentials contain %XX escapes that are not valid UTF-8 (RFC 6749 Appendix B)')
  }
}

function malformed(description: string): InvalidClient {
  return new InvalidClient(`client authentication failed: ${description}`, { viaAuthorizationHeader: true })
}
