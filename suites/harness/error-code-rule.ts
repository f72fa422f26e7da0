/**
 * Which error codes a refusal may carry, and what another code costs (docs/verdict-rules.md).
 *
 * Where the spec names exactly one code for the situation — RFC 6749 §5.2's invalid_grant for a
 * well-formed code or refresh token that is reused, expired, revoked, never issued or issued to
 * another client — another code is a failure. Where another reading of the specs is defensible (a
 * malformed request may read as invalid_request or as unsupported_grant_type), that reading's code
 * is named and only warns; where the specs leave the case open altogether (a
 * request that names no client at all), any other code only warns.
 *
 * A check declares its rules once (`Check.errorCodes`, shown in suites/README.md) and judges with
 * the same objects, so the description and the verdict cannot drift apart.
 */

export interface ErrorCodeRule {
  /** The situation, as a report states it: "a code redeemed a second time". */
  case: string
  /** The codes the spec allows here (any passes); the first is the one it names. */
  codes: readonly string[]
  /** Codes of another defensible reading of the specs: a warning, not a failure. */
  defensible: readonly string[]
  /** Any other code: `fails` where the spec names the codes above for this case, `warns` where it leaves the case open. */
  otherCode: 'fails' | 'warns'
  /** The spec reference token of the deciding sentence (core/spec-refs.ts). */
  spec: string
  /** The deciding sentence, quoted. */
  quote: string
}

type RuleSource = Pick<ErrorCodeRule, 'spec' | 'quote'>

/**
 * The spec names `codes` (one, or a set of which any will do) for `situation`: another code fails,
 * except the `defensible` codes of another reasonable reading, which warn.
 */
export function exactly(
  situation: string,
  codes: string | readonly string[],
  source: RuleSource,
  defensible: readonly string[] = [],
): ErrorCodeRule {
  return {
    case: situation,
    codes: typeof codes === 'string' ? [codes] : codes,
    defensible,
    otherCode: 'fails',
    ...source,
  }
}

/** `codes` are expected, but the specs leave `situation` open: any other code only warns. */
export function preferably(situation: string, codes: readonly string[], source: RuleSource): ErrorCodeRule {
  return { case: situation, codes, defensible: [], otherCode: 'warns', ...source }
}

export function quoteCodes(codes: readonly string[]): string {
  return codes.map((code) => `"${code}"`).join(' or ')
}

/** "RFC6749-5.2" → "RFC 6749 §5.2", for messages. */
export function sectionName(token: string): string {
  return token.replace(/^RFC(\d+)-/, 'RFC $1 §').replace(/^OIDCC-/, 'OIDC Core §')
}

/** Whether `error` would fail, warn or pass under `rule`. */
export function judgeCode(error: string, rule: ErrorCodeRule): 'pass' | 'warn' | 'fail' {
  if (rule.codes.includes(error)) return 'pass'
  if (rule.defensible.includes(error)) return 'warn'
  return rule.otherCode === 'fails' ? 'fail' : 'warn'
}

/**
 * Judges an error code against a rule: undefined when it is allowed, otherwise whether it fails
 * or warns and the message, which quotes the rule's sentence.
 */
export function codeProblem(
  error: string,
  rule: ErrorCodeRule,
  what: string,
): { kind: 'fail' | 'warn'; message: string } | undefined {
  const kind = judgeCode(error, rule)
  if (kind === 'pass') return undefined
  const section = sectionName(rule.spec)
  const why =
    kind === 'fail'
      ? `${section} names ${quoteCodes(rule.codes)} for this case: "${rule.quote}"`
      : `${rule.defensible.includes(error) ? `"${error}" is defensible here` : 'the specs leave this case open'}, so it is only a warning (${section}: "${rule.quote}")`
  return { kind, message: `${what} was refused with "error" "${error}" instead of ${quoteCodes(rule.codes)}: ${why}` }
}

/** One line for suites/README.md and docs/verdict-rules.md. */
export function describeErrorCodeRule(rule: ErrorCodeRule): string {
  const list = (codes: readonly string[]) => codes.map((code) => `\`${code}\``).join(' or ')
  const defensible = rule.defensible.length > 0 ? `, ${list(rule.defensible)} warns` : ''
  return `${rule.case}: ${list(rule.codes)}${defensible}, another code ${rule.otherCode === 'fails' ? '**fails**' : 'warns'}`
}
