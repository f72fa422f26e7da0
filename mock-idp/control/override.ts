/**
 * What a test can make the mock do next (`idp.use(…)`, DESIGN.md "Control API and library"): who
 * logs in, extra claims in the next ID token, a behaviour for the next request, or a fault at one
 * endpoint — an OAuth error, a raw status, a delay, a dropped connection. Validated with zod, so a
 * typo in a test (or in a control API call) is a clear error, not an override that never fires.
 */
import { z } from 'zod'
import { behaviourCatalog, unknownBehaviourMessage } from '../behaviours/catalog.js'

export const ENDPOINT_NAMES = [
  'discovery',
  'metadata',
  'jwks',
  'authorization',
  'login',
  'loginApi',
  'consent',
  'token',
  'userinfo',
  'revocation',
  'introspection',
  'endSession',
] as const

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
    claims: z.record(z.string(), z.unknown()).describe('Claims added to (or replacing those of) the next ID token.'),
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
    respond: z.strictObject({
      status: z.number().int().min(200).max(599),
      body: z.unknown().optional(),
      headers: z.record(z.string(), z.string()).optional(),
    }),
    ...lifetime,
  }),
  z.strictObject({ endpoint, delayMs: z.number().int().min(0).max(600_000), ...lifetime }),
  z.strictObject({ endpoint, drop: z.literal(true), ...lifetime }),
])

export type OverrideInput = z.input<typeof overrideSchema>
export type Override = z.output<typeof overrideSchema>
export type EndpointName = (typeof ENDPOINT_NAMES)[number]

export class OverrideError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OverrideError'
  }
}

export function parseOverride(input: unknown): Override {
  const parsed = overrideSchema.safeParse(input)
  if (parsed.success) return parsed.data
  throw new OverrideError(
    `invalid override ${JSON.stringify(input)}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(override)'}: ${issue.message}`).join('; ')}`,
  )
}

/** The endpoint an override applies at when it names none. */
export function endpointOf(override: Override): EndpointName | undefined {
  if ('endpoint' in override && override.endpoint !== undefined) return override.endpoint
  // A behaviour without an endpoint is for the next sign-in: it is taken by the authorization
  // request and travels with that flow (its pages, its response, the redemption of its code).
  if ('login' in override || 'behaviour' in override) return 'authorization'
  if ('claims' in override) return 'token'
  return undefined
}
