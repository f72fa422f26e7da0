/**
 * schemas/control-api.openapi.json: the HTTP control API as OpenAPI 3.1, built from the route
 * table (control-api.ts) and the override schema, so the document cannot drift from the code
 * (`npm run schemas` writes it; a test fails when it is stale).
 */
import { z } from 'zod'
import { CONTROL_ROUTES } from './control-api.js'
import { DEFAULT_ROTATION_GRACE_MS } from './controller.js'
import { overrideSchema } from './override.js'

const json = (schema: unknown, description: string) => ({ description, content: { 'application/json': { schema } } })
const error = json({ $ref: '#/components/schemas/Error' }, 'The request was refused; error_description says why.')

const RESPONSES: Record<string, Record<string, unknown>> = {
  'post /use': {
    '201': json({ type: 'object', properties: { queued: { $ref: '#/components/schemas/Override' } } }, 'Queued.'),
    '400': error,
  },
  'get /overrides': { '200': json({ type: 'array', items: { type: 'object' } }, 'The queued overrides.') },
  'post /reset': { '204': { description: 'Reset.' } },
  'get /requests': {
    '200': json({ type: 'array', items: { $ref: '#/components/schemas/RecordedExchange' } }, 'The recorded exchanges.'),
  },
  'get /clock': { '200': json({ $ref: '#/components/schemas/Now' }, 'The current time.') },
  'post /clock/advance': { '200': json({ $ref: '#/components/schemas/Now' }, 'The new time.'), '400': error },
  'get /behaviours': { '200': json({ type: 'array', items: { type: 'object' } }, 'The behaviours.') },
  'post /keys/rotate': { '200': json({ $ref: '#/components/schemas/KeyRotation' }, 'Rotated.'), '400': error },
  'post /issuers': { '201': json({ $ref: '#/components/schemas/PathIssuer' }, 'Added.'), '400': error },
  'get /issuers': {
    '200': json({ type: 'array', items: { $ref: '#/components/schemas/PathIssuer' } }, 'The issuers.'),
  },
  'delete /issuers/{id}': { '204': { description: 'Removed.' }, '404': error },
}

const BODIES: Record<string, unknown> = {
  'post /issuers': {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['id'],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$' },
            config: { type: 'object', description: 'A mock IdP config (schemas/mock-idp-config.schema.json).' },
          },
        },
      },
    },
  },
  'post /use': {
    required: true,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Override' } } },
  },
  'post /clock/advance': {
    required: true,
    content: {
      'application/json': {
        schema: { type: 'object', required: ['ms'], properties: { ms: { type: 'number', minimum: 0 } } },
      },
    },
  },
  'post /keys/rotate': {
    required: false,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            graceMs: {
              type: 'number',
              minimum: 0,
              default: DEFAULT_ROTATION_GRACE_MS,
              description: "How long (ms, on the mock's clock) the replaced keys stay in the JWKS.",
            },
          },
        },
      },
    },
  },
}

/** What any operation may answer before it runs (request-guard.ts), each a JSON Error. */
const REFUSALS: Record<string, unknown> = {
  '401': json(
    { $ref: '#/components/schemas/Error' },
    'control.token is set and the request did not present it (invalid_token, with WWW-Authenticate: Bearer).',
  ),
  '403': json(
    { $ref: '#/components/schemas/Error' },
    'A browser sent it from another origin (Origin, or Sec-Fetch-Site other than same-origin/none): access_denied, token or not.',
  ),
  '421': json(
    { $ref: '#/components/schemas/Error' },
    "The server listens on loopback and the Host is neither a loopback address with its port nor the issuer's host (DNS rebinding).",
  ),
}

/** What an operation taking a body may answer before reading it, or while reading it. */
const BODY_REFUSALS: Record<string, unknown> = {
  '400': error,
  '413': json(
    { $ref: '#/components/schemas/Error' },
    'The body is larger than limits.maxControlBodyBytes (by Content-Length, before it is read; or while a chunked body streams). The connection is closed.',
  ),
  '415': json({ $ref: '#/components/schemas/Error' }, 'The body is not application/json (UTF-8).'),
}

const PARAMETERS: Record<string, unknown[]> = {
  'delete /issuers/{id}': [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
  'get /requests': [
    { name: 'endpoint', in: 'query', schema: { type: 'string' }, description: 'Only this route, e.g. token.' },
    {
      name: 'redact',
      in: 'query',
      schema: { type: 'string', enum: ['true', 'false'] },
      description: 'false: secrets as sent.',
    },
  ],
}

export function controlApiOpenApi(prefix = '/_codeflow'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of CONTROL_ROUTES) {
    const key = `${route.method} ${route.path}`
    paths[`${prefix}${route.path}`] ??= {}
    paths[`${prefix}${route.path}`]![route.method] = {
      summary: route.summary,
      ...(PARAMETERS[key] ? { parameters: PARAMETERS[key] } : {}),
      ...(BODIES[key] ? { requestBody: BODIES[key] } : {}),
      responses: {
        ...RESPONSES[key],
        ...(route.method === 'post' ? BODY_REFUSALS : {}),
        ...REFUSALS,
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Codeflow mock IdP control API',
      version: '1',
      description:
        'Drive the mock IdP from tests in any language: queue overrides, reset, read recorded requests, move the clock, rotate the signing keys. Off by default (`control.enabled`, `codeflow idp --control`); the paths are under `control.prefix` (default /_codeflow). Every refusal is a JSON Error: a path no operation has answers 404, a method an operation does not take 405 with Allow. Bodies are JSON nested at most 32 levels deep.',
    },
    security: [{}, { controlToken: [] }],
    paths,
    components: {
      securitySchemes: { controlToken: { type: 'http', scheme: 'bearer', description: 'control.token' } },
      schemas: {
        Override: z.toJSONSchema(overrideSchema, { io: 'input', unrepresentable: 'any' }),
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'string' }, error_description: { type: 'string' } },
        },
        PathIssuer: {
          type: 'object',
          required: ['id', 'issuer'],
          properties: { id: { type: 'string' }, issuer: { type: 'string', format: 'uri' } },
        },
        Now: {
          type: 'object',
          required: ['now'],
          properties: { now: { type: 'number', description: 'ms since the epoch' } },
        },
        KeyRotation: {
          type: 'object',
          required: ['kid', 'kids', 'retiresAt', 'previous'],
          properties: {
            kid: {
              type: 'string',
              description: 'The new key of the default algorithm: the next tokens carry this kid.',
            },
            kids: { type: 'array', items: { type: 'string' }, description: 'Every new key, one per algorithm.' },
            retiresAt: { type: 'number', description: 'When the replaced keys leave the JWKS (ms since the epoch).' },
            previous: { type: 'array', items: { type: 'string' }, description: 'The kids that signed until now.' },
          },
        },
        RecordedExchange: {
          type: 'object',
          properties: {
            endpoint: { type: 'string' },
            method: { type: 'string' },
            url: { type: 'string' },
            params: { type: 'array', items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 } },
            headers: { type: 'object', additionalProperties: { type: 'string' } },
            status: { type: 'integer' },
            responseBody: {},
            location: { type: 'string' },
            at: { type: 'number' },
          },
        },
      },
    },
  }
}
