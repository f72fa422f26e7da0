/** Reading a `WWW-Authenticate` challenge (RFC 9110 §11.6.1; RFC 6750 §3) for the UserInfo checks (pure). */
import type { UserinfoCall } from '../gather/userinfo-probes.js'

export interface Challenge {
  scheme: string
  params: Record<string, string>
}

/** The first challenge: its scheme and its auth-params (quoted or token values). */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined
  const match = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s+(.*))?$/s.exec(header)
  if (!match) return undefined
  const params: Record<string, string> = {}
  const rest = match[2] ?? ''
  for (const param of rest.matchAll(/([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params[param[1]!.toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : param[3]!
  }
  return { scheme: match[1]!, params }
}

export const isBearer = (challenge: Challenge | undefined) => challenge?.scheme.toLowerCase() === 'bearer'

export const succeeded = (call: UserinfoCall) => call.status >= 200 && call.status < 300

/** The error code of a refusal: the challenge's `error`, else the JSON body's. */
export function errorOf(call: UserinfoCall): string | undefined {
  return (
    parseChallenge(call.wwwAuthenticate)?.params.error ??
    (typeof call.body?.error === 'string' ? call.body.error : undefined)
  )
}

/** A stable JSON form for comparing two claim sets. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

export function describe(call: UserinfoCall): Record<string, unknown> {
  return {
    status: call.status,
    ...(call.wwwAuthenticate ? { 'www-authenticate': call.wwwAuthenticate } : {}),
    ...(errorOf(call) ? { error: errorOf(call) } : {}),
  }
}
