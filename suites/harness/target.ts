// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * The target file: what the suite needs to know about an authorization server
 * (docs/running-the-suite.md, "The target file"). JSON, with `${ENV_VAR}` substitution so secrets stay out of the file;
 * validated by zod and published as `schemas/target-file.schema.json`. Errors name the path.
 */
import * as cheerio from 'cheerio'
import { z } from 'zod'
import { absoluteUrl as url } from '../../core/absolute-url.js'
import { issueLines, readJsonFile } from './json-file.js'
import { DEFAULT_LIMITS, LIMIT_RANGE } from './limits.js'

const selector = z.string().min(1)
/** The form driver's selectors are CSS (the browser driver's may use Playwright's own syntax). */
const cssSelector = selector.refine(isCssSelector, 'must be a valid CSS selector')
const emptyPage = cheerio.load('')

function isCssSelector(value: string): boolean {
  try {
    emptyPage(value)
    return true
  } catch {
    return false
  }
}

export const targetClientSchema = z.strictObject({
  client_id: z.string().min(1).describe('The registered client identifier.'),
  client_secret: z.string().min(1).optional().describe('The secret; use "${ENV_VAR}" to keep it out of the file.'),
  token_endpoint_auth_method: z
    .enum(['client_secret_basic', 'client_secret_post', 'none'])
    .default('client_secret_basic')
    .describe('How this client authenticates at the token endpoint.'),
  redirect_uris: z
    .array(url)
    .min(1)
    .describe('Registered redirect URIs; the first is used. They need not resolve: the suite captures the redirect.'),
  scope: z.string().default('openid').describe('Scopes this client may request (space-separated).'),
  post_logout_redirect_uris: z
    .array(url)
    .default([])
    .describe('Registered post-logout redirect URIs, for the logout checks.'),
})

export const targetUserSchema = z.strictObject({
  username: z.string().min(1),
  password: z.string().describe('Use "${ENV_VAR}" to keep it out of the file.'),
  claims: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Claims the suite should expect for this user (checked when present).'),
})

const consentSchema = z.strictObject({
  form: selector.describe('CSS selector of the consent form.'),
  submit: selector.describe('CSS selector of the approve button inside it.'),
  deny: selector.optional().describe('CSS selector of the deny button (for the access_denied checks).'),
})

/** The form driver's consent settings: every one optional, the controls found anywhere on the page. */
const formConsentSchema = z.strictObject({
  form: cssSelector
    .optional()
    .describe('CSS selector that recognises the consent page (default: the page that has the approve control).'),
  submit: cssSelector
    .optional()
    .describe(
      'CSS selector of the approve control, anywhere on the page: a button, an input[type=submit] or a link (default: the control labelled allow, approve, accept, authorize, consent, grant or yes).',
    ),
  deny: cssSelector
    .optional()
    .describe(
      'CSS selector of the deny control, anywhere on the page, for the access_denied checks (default: the one labelled deny, reject, decline, cancel or no).',
    ),
})

const formLoginSchema = z.strictObject({
  driver: z.literal('form').describe('Plain HTTP with a cookie jar (the default driver).').default('form'),
  form: cssSelector.default('form').describe('CSS selector of the login form (the one holding the password field).'),
  username: cssSelector
    .optional()
    .describe(
      'CSS selector of the username field (default: the field marked autocomplete=username or email, named username, login, email or user, else the first text field before the password).',
    ),
  password: cssSelector.default('input[type=password]'),
  submit: cssSelector
    .optional()
    .describe(
      "CSS selector of the login form's submit button (its name=value is sent; default: its first submit button).",
    ),
  next: cssSelector
    .optional()
    .describe(
      'Two-step logins: CSS selector of the button that submits the username page (default: its first submit button).',
    ),
  cancel: cssSelector.optional().describe('CSS selector of a cancel button (for the access_denied checks).'),
  continue: cssSelector
    .optional()
    .describe(
      'CSS selector of the control (a button or a link) that leaves an interstitial page, when it is not the only button of the only form.',
    ),
  consent: formConsentSchema
    .optional()
    .describe('How to recognise and answer the consent page (inferred when absent).'),
})

const browserStepSchema = z.union([
  z.strictObject({
    goto: z.string().optional(),
    fill: selector.optional(),
    value: z.string().optional(),
    click: selector.optional(),
    wait: selector.optional(),
  }),
])

const browserLoginSchema = z.strictObject({
  driver: z.literal('browser'),
  steps: z
    .array(browserStepSchema)
    .min(1)
    .describe(
      'Login steps: { "fill": sel, "value": "${username}" } | { "click": sel } | { "wait": sel }. ${username} and ${password} are replaced.',
    ),
  cancel: selector
    .optional()
    .describe('CSS selector of a cancel button on the login page (for the access_denied checks).'),
  consent: consentSchema.optional(),
  continue: selector
    .optional()
    .describe(
      'CSS selector of a button on a page between login and consent (e.g. "Continue" after a notice) that the driver clicks. Pages that submit or refresh themselves need nothing.',
    ),
  headless: z.boolean().default(true),
  trace: z
    .boolean()
    .default(true)
    .describe(
      'Record a Playwright trace of each authorization and keep it (redacted) when the login fails, next to the screenshot.',
    ),
})

const moduleLoginSchema = z.strictObject({
  driver: z.literal('module'),
  module: z
    .string()
    .min(1)
    .describe('Path (relative to the target file) of an ES module whose default export logs in.'),
})

export const targetFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).describe('A name for reports.'),
  issuer: url.describe('The issuer identifier, exactly as the server states it.'),
  discovery: z
    .union([url, z.literal(false)])
    .optional()
    .describe('Discovery URL (default: issuer + /.well-known/openid-configuration); false for a plain OAuth server.'),
  endpoints: z
    .strictObject({
      authorization: url.optional(),
      token: url.optional(),
      userinfo: url.optional(),
      jwks: url.optional(),
      revocation: url.optional(),
      introspection: url.optional(),
      end_session: url.optional(),
    })
    .default({})
    .describe('Endpoint URLs; required without discovery, otherwise they override it.'),
  clients: z
    .array(targetClientSchema)
    .min(1)
    .describe('Registered clients; checks that need a second client or a public one are skipped without them.'),
  users: z.array(targetUserSchema).min(1),
  login: z
    .discriminatedUnion('driver', [formLoginSchema, browserLoginSchema, moduleLoginSchema], {
      error: (issue) =>
        issue.code === 'invalid_union' ? 'must be "form" (the default), "browser" or "module"' : undefined,
    })
    .prefault({})
    .describe('The login driver and its settings (default: the form driver, selectors inferred).'),
  capabilities: z
    .strictObject({
      sso_session: z
        .boolean()
        .default(true)
        .describe('The server keeps a login session (prompt=none after login, max_age checks).'),
      refresh_tokens: z
        .boolean()
        .optional()
        .describe('Issues refresh tokens (default: inferred from the token response).'),
      consent_page: z.boolean().optional().describe('Shows a consent page the suite can deny.'),
    })
    .prefault({}),
  policy: z
    .strictObject({
      pkce_plain: z
        .enum(['forbid', 'allow'])
        .default('forbid')
        .describe('Whether code_challenge_method=plain must be refused.'),
      profile: z
        .enum(['rfc9700', 'rfc6749'])
        .default('rfc9700')
        .describe('"rfc9700": the OAuth 2.0 Security BCP is the bar (PKCE enforced); "rfc6749": plain OAuth 2.0.'),
      require_pkce_for_confidential: z.boolean().default(false),
      slow_checks: z
        .boolean()
        .default(false)
        .describe(
          'Run the checks that wait for something to expire (code and access token lifetimes, 30 s code replay).',
        ),
    })
    .prefault({}),
  skip: z.record(z.string(), z.string().min(1)).default({}).describe('Check id → the reason it does not apply.'),
  headers: z
    .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be an HTTP header name'), z.string())
    .default({})
    .describe(
      'HTTP headers sent with every request the suite makes (a gateway key, a test tenant, or `codeflow-behaviour` against the mock IdP).',
    ),
  timeouts: z
    .strictObject({
      request: z
        .number()
        .int()
        .positive()
        .default(10_000)
        .describe('Per-request timeout in ms: from sending the request to the last byte of the response body.'),
    })
    .prefault({}),
  limits: z
    .strictObject({
      maxResponseBytes: z
        .strictObject({
          metadata: responseBytes(DEFAULT_LIMITS.maxResponseBytes.metadata).describe(
            'Discovery, RFC 8414 metadata and the JWK Set.',
          ),
          api: responseBytes(DEFAULT_LIMITS.maxResponseBytes.api).describe(
            'Token, UserInfo, revocation and introspection responses.',
          ),
          page: responseBytes(DEFAULT_LIMITS.maxResponseBytes.page).describe(
            'Authorization endpoint, login, consent and logout pages (and what a login module returns).',
          ),
        })
        .prefault({})
        .describe(
          'The most of a response body the runner reads, in bytes, by kind; a larger response is an error naming the limit.',
        ),
      maxEvidenceBytes: z
        .number()
        .int()
        .min(LIMIT_RANGE.maxEvidenceBytes.min)
        .max(LIMIT_RANGE.maxEvidenceBytes.max)
        .default(DEFAULT_LIMITS.maxEvidenceBytes)
        .describe(
          'The most of each request and response body kept as evidence in the report, in bytes; the rest is cut with a "…[truncated: N bytes total]" marker.',
        ),
    })
    .prefault({})
    .describe('What the runner reads from the target and keeps (docs/runner-limits.md).'),
})

function responseBytes(fallback: number) {
  return z.number().int().min(LIMIT_RANGE.maxResponseBytes.min).max(LIMIT_RANGE.maxResponseBytes.max).default(fallback)
}

export type TargetFile = z.output<typeof targetFileSchema>
export type TargetClient = z.output<typeof targetClientSchema>
export type TargetUser = z.output<typeof targetUserSchema>

export class TargetFileError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TargetFileError'
  }
}

/** Replaces `${NAME}` in every string with the environment variable; a missing one is an error naming the path. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, path = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_match, name: string) => {
      const replacement = env[name]
      if (replacement === undefined)
        throw new TargetFileError(`${path || '(root)'}: environment variable ${name} is not set`)
      return replacement
    })
  }
  if (Array.isArray(value)) return value.map((item, index) => substituteEnv(item, env, `${path}[${index}]`))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, substituteEnv(member, env, path ? `${path}.${key}` : key)]),
    )
  }
  return value
}

export function parseTargetFile(
  input: unknown,
  env: NodeJS.ProcessEnv = process.env,
  source = 'target file',
): TargetFile {
  const substituted = substituteEnv(input, env)
  const result = targetFileSchema.safeParse(substituted)
  if (!result.success) {
    throw new TargetFileError(
      `Invalid ${source}:\n${issueLines(targetFileSchema, result.error.issues, substituted).join('\n')}`,
    )
  }
  const target = result.data
  if (target.discovery === false && (!target.endpoints.authorization || !target.endpoints.token)) {
    throw new TargetFileError(
      `Invalid ${source}:\n  - endpoints: "authorization" and "token" are required when discovery is false`,
    )
  }
  return target
}

export function loadTargetFile(file: string, env: NodeJS.ProcessEnv = process.env): TargetFile {
  const json = readJsonFile(file, 'target file', (message) => new TargetFileError(message))
  return parseTargetFile(json, env, `target file (${file})`)
}

export function discoveryUrl(target: TargetFile): string | undefined {
  if (target.discovery === false) return undefined
  return target.discovery ?? `${target.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`
}
