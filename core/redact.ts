/**
 * Redaction of secrets in anything that leaves the process as text: logs, recorded exchanges,
 * pages, reports. Parameter names follow RFC 6749 (client_secret, code, code_verifier,
 * access_token, refresh_token), OIDC (id_token), RFC 7009/7662 (token) and login forms (password).
 */

export const REDACTED = '[REDACTED]'

/** Parameter and JSON member names whose values are secret. */
export const SECRET_NAMES = [
  'client_secret',
  'code',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'password',
  'client_assertion',
  'id_token_hint',
  'csrf',
] as const

const SECRET_SET = new Set<string>(SECRET_NAMES)

export function isSecretName(name: string): boolean {
  return SECRET_SET.has(name.toLowerCase())
}

/** Secret-bearing headers: `Authorization`, cookies. */
export function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase()
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const scheme = value.split(' ')[0]
    return scheme && scheme !== value ? `${scheme} ${REDACTED}` : REDACTED
  }
  if (lower === 'cookie' || lower === 'set-cookie') {
    return value.replace(/(^|;\s*|,\s*)([^=;,\s]+)=([^;,]*)/g, (_m, lead, name) => `${lead}${name}=${REDACTED}`)
  }
  return value
}

export function redactParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams()
  for (const [name, value] of params) out.append(name, isSecretName(name) ? REDACTED : value)
  return out
}

export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [name, member] of Object.entries(value)) out[name] = isSecretName(name) ? REDACTED : redactJson(member)
    return out
  }
  return value
}

// Built once: redactText runs on every log line and recorded exchange.
const NAMES = SECRET_NAMES.join('|')
const SECRET_PARAMETER = new RegExp(`([?&\\s"']|^)(${NAMES})=([^&\\s"']*)`, 'gi')
const SECRET_MEMBER = new RegExp(`"(${NAMES})"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"`, 'gi')

/** Redacts `name=value` pairs, JSON members and bearer credentials inside free text. */
export function redactText(text: string): string {
  return text
    .replace(SECRET_PARAMETER, (_m, lead, name) => `${lead}${name}=${REDACTED}`)
    .replace(SECRET_MEMBER, (_m, name) => `"${name}":"${REDACTED}"`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g, (_m, scheme) => `${scheme} ${REDACTED}`)
}

/** Literal secrets the run knows about (client secrets, passwords) are removed wherever they appear. */
export function scrubSecrets(text: string, secrets: string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < 4) continue
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ])) {
      out = out.split(form).join(REDACTED)
    }
  }
  return out
}
