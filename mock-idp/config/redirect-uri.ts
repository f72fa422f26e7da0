/**
 * Which redirect URIs a client may register. RFC 6749 §3.1.2 asks only for an absolute URI
 * without a fragment; the mock is stricter, as the Security BCP and RFC 8252 describe the
 * endpoints a browser may safely be sent to with a code:
 *
 * - `https`, and `http` on a loopback address for native and local apps (RFC 8252 §7.3; by
 *   address, see core/loopback.ts). RFC 9700 §2.6: "authorization servers MUST NOT allow
 *   redirect URIs that use the "http" scheme except for native clients that use loopback
 *   interface redirection as described in Section 7.3 of [RFC8252]". Other `http` URIs only
 *   where the config allows insecure redirect URIs (a staging network), checked in schema.ts;
 * - a private-use scheme in reverse domain-name form, for native apps (RFC 8252 §7.1: "apps MUST
 *   use a URI scheme based on a domain name under their control, expressed in reverse order");
 *
 * never a scheme that runs or reads something in the browser itself (`javascript:`, `data:`,
 * `file:`, `vbscript:`, `blob:`, `about:`), which would turn a redirect into script execution or
 * a local file read.
 */
import { isLoopbackHost } from '../../core/loopback.js'

const NEVER = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:', 'about:'])

/** Why `uri` cannot be a redirect URI (whatever the config says), or undefined when its scheme is acceptable. */
export function redirectUriSchemeProblem(uri: string): string | undefined {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return undefined // absoluteUrl reports it
  }
  const scheme = url.protocol
  if (NEVER.has(scheme)) {
    return `the "${scheme}" scheme is never a redirect URI; use https, http on a loopback address (RFC 8252 §7.3) or a private-use scheme such as com.example.app: (RFC 8252 §7.1)`
  }
  if (scheme === 'https:' || scheme === 'http:') return undefined
  if (!scheme.slice(0, -1).includes('.')) {
    return `the private-use scheme "${scheme}" must be a reverse domain name under the app's control, such as com.example.app: (RFC 8252 §7.1)`
  }
  return undefined
}

/** An `http` URI whose host is not a loopback address: a code sent there travels in clear text. */
export function isInsecureHttp(uri: string): boolean {
  try {
    const url = new URL(uri)
    return url.protocol === 'http:' && !isLoopbackHost(url.hostname)
  } catch {
    return false
  }
}
