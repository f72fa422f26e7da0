/**
 * What a test can make the mock do next (`idp.use(…)`, docs/testing-your-client.md "Library"): who
 * logs in, extra claims in the next ID token, a behaviour for the next request, or a fault at one
 * endpoint — an OAuth error, a raw status, a delay, a dropped connection. Validated with zod, so a
 * typo in a test (or in a control API call) is a clear error, not an override that never fires.
 */
import { z } from 'zod'
import { behaviourCatalog, unknownBehaviourMessage } from '../behaviours/catalog.js'
import { ENDPOINT_NAMES } from '../endpoints/endpoint-name.js'
import { jsonValueIssue } from './bounded-json.js'
import { OverrideError } from './override-error.js'

export { OverrideError }

const endpoint = z.enum(ENDPOINT_NAMES)

const lifetime = {
  /** How many matching requests it applies to (default 1). */
  times: z.number().int().positive().optional(),
  /** Applies to every matching request until `reset()`. */
  persistent: z.boolean().optional(),
  /**
   * Applies to every n-th matching request only, letting the others through (default 1: each).
   * With `persistent`, `every: 2` makes an endpoint flap: fail, work, fail, work…
   */
  every: z.number().int().min(1).max(1000).optional(),
}

const behaviourIds = z
  .union([z.string(), z.array(z.string()).min(1)])
  .transform((value) => (typeof value === 'string' ? [value] : value))
  .superRefine((ids, ctx) => {
    for (const id of ids)
      if (!behaviourCatalog.has(id)) ctx.addIssue({ code: 'custom', message: unknownBehaviourMessage(id) })
  })

/** A value sent as JSON later (claims signed into a token, a response body): bounded and serialisable. */
const jsonValue = <T extends z.ZodType>(schema: T) =>
  schema.superRefine((value, ctx) => {
    const issue = jsonValueIssue(value)
    if (issue) ctx.addIssue({ code: 'custom', message: issue })
  })

// RFC 9110 §5.1: "field-name = token"; §5.6.2: tchar.
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// RFC 9110 §5.5: a field value is visible ASCII, space, tab and obs-text; "a recipient of CR, LF, or
// NUL within a field value MUST either reject the message or replace each … with SP".
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
/** Framing and connection fields (RFC 9110 §7.6.1, RFC 9112 §6): the server's to set, never a test's. */
const SERVER_OWNED_FIELDS = new Set([
  'connection',
  'content-length',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

const responseHeaders = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    if (!FIELD_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', message: `header name ${JSON.stringify(name)} is not an RFC 9110 token` })
    } else if (SERVER_OWNED_FIELDS.has(name.toLowerCase())) {
      ctx.addIssue({ code: 'custom', message: `header "${name}" frames the message: the server sets it` })
    } else if (!FIELD_VALUE.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `header "${name}" has a value with CR, LF, NUL or a character beyond Latin-1 (RFC 9110 §5.5)`,
      })
    }
  }
})

/**
 * RFC 6749 §5.1: expires_in is RECOMMENDED, refresh_token OPTIONAL, scope OPTIONAL when it is what
 * the client asked for: a response without them is still correct. access_token, token_type and
 * (OIDC Core §3.1.3.3) id_token are not: leaving them out is a deviation, i.e. a behaviour.
 */
export const OMITTABLE_TOKEN_RESPONSE_MEMBERS = ['expires_in', 'refresh_token', 'scope'] as const

// RFC 9110 §15.3.5, §15.3.6, §15.4.5: 204, 205 and 304 responses carry no content.
const NO_CONTENT = new Set([204, 205, 304])

export const overrideSchema = z.union([
  z.strictObject({
    login: z
      .string()
      .min(1)
      .describe(
        'Username signed in by the next authorization request, without the login page (consent as configured).',
      ),
    ...lifetime,
  }),
  z.strictObject({
    claims: jsonValue(z.record(z.string(), z.unknown())).describe(
      'Claims added to (or replacing those of) the next ID token.',
    ),
    ...lifetime,
  }),
  z.strictObject({
    tokenResponse: z
      .strictObject({
        set: jsonValue(z.record(z.string(), z.unknown()))
          .optional()
          .describe(
            'Members added to (or replacing those of) the next successful token response, e.g. {"token_type": "bearer"}.',
          ),
        omit: z
          .array(z.enum(OMITTABLE_TOKEN_RESPONSE_MEMBERS))
          .optional()
          .describe('Members left out of it; only those RFC 6749 §5.1 does not require.'),
      })
      .describe(
        'A correct but unusual successful token response (RFC 6749 §5.1) for the next token request: lower-case token_type, extension members, no scope or refresh_token — for testing that a client accepts them.',
      ),
    ...lifetime,
  }),
  z.strictObject({
    behaviour: behaviourIds.describe(
      'Behaviour id(s) for the next sign-in flow, or for the next request at `endpoint` when one is given.',
    ),
    endpoint: endpoint.optional(),
    ...lifetime,
  }),
  z.strictObject({
    endpoint,
    error: z.string().regex(/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/, 'must be an error code (RFC 6749 §5.2 characters)'),
    description: z.string().optional(),
    status: z.number().int().min(400).max(599).optional(),
    ...lifetime,
  }),
  z.strictObject({
    endpoint,
    respond: z
      .strictObject({
        status: z.number().int().min(200).max(599),
        body: jsonValue(z.unknown()).optional(),
        headers: responseHeaders.optional(),
      })
      .refine((respond) => respond.body === undefined || !NO_CONTENT.has(respond.status), {
        message: 'a 204, 205 or 304 response has no body (RFC 9110 §15.3.5)',
        path: ['body'],
      }),
    ...lifetime,
  }),
  z.strictObject({ endpoint, delayMs: z.number().int().min(0).max(600_000), ...lifetime }),
  z.strictObject({ endpoint, drop: z.literal(true), ...lifetime }),
])

export type OverrideInput = z.input<typeof overrideSchema>
export type Override = z.output<typeof overrideSchema>

export function parseOverride(input: unknown): Override {
  const parsed = overrideSchema.safeParse(input)
  if (parsed.success) return parsed.data
  throw new OverrideError(
    `invalid override ${preview(input)}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(override)'}: ${issue.message}`).join('; ')}`,
  )
}

/** The start of what was passed, for the message: the input may be circular, deep or huge. */
function preview(input: unknown): string {
  const issue = jsonValueIssue(input)
  let text: string
  try {
    text = issue ? `(a value that ${issue})` : (JSON.stringify(input) ?? String(input))
  } catch {
    text = '(a value that is not JSON)'
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
