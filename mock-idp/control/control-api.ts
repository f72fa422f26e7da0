/**
 * The HTTP control API: the library's `use`, `reset`, `requests`, clock and `rotateKeys` for tests not written
 * in JavaScript (docs/control-api-and-limits.md). Off by default; under `control.prefix`;
 * behind a bearer token when `control.token` is set (required beyond loopback). Documented in
 * schemas/control-api.openapi.json, generated from CONTROL_ROUTES below.
 *
 * A request is checked before its body is read (request-guard.ts: Host, Origin, token, operation,
 * media type, declared length); the body is then read up to `limits.maxControlBodyBytes` and parsed
 * with a bound on nesting (bounded-json.ts). Every refusal is a JSON error, never a 5xx.
 */
import { Hono } from 'hono'
import { behaviourList } from '../behaviours/behaviour-list.js'
import { OAuthError } from '../errors.js'
import { BodyNotReceived, PayloadTooLarge, parseRequest } from '../http/parsed-request.js'
import { webRequestSource } from '../http/web-request-source.js'
import type { Provider } from '../provider.js'
import { type RecordedExchange, type StoredExchange, viewStoredExchange } from '../recorder.js'
import { JsonBodyError, parseBoundedJson } from './bounded-json.js'
import { advanceClock, queueOverride, resetProvider, rotateKeys } from './controller.js'
import type { IssuerDirectory } from './issuer-directory.js'
import { OverrideError } from './override-error.js'
import { bodyFollows, type GuardedRequest, refusalBeforeBody } from './request-guard.js'
import { catchUp, publishControl } from './shared-control.js'

/** Every operation: method, path (under the prefix), what it does. The OpenAPI file lists the same. */
export const CONTROL_ROUTES = [
  { method: 'post', path: '/use', summary: 'Queue an override (the body is one override object, as for use()).' },
  { method: 'get', path: '/overrides', summary: 'The queued overrides, newest first, with what remains of each.' },
  {
    method: 'post',
    path: '/reset',
    summary:
      'Forget sessions, codes, tokens, recorded requests and overrides; restore the keys loaded at start; rewind the clock.',
  },
  {
    method: 'get',
    path: '/requests',
    summary: 'The recorded exchanges, oldest first (?endpoint=token, ?redact=false).',
  },
  { method: 'get', path: '/clock', summary: "The mock's current time." },
  { method: 'post', path: '/clock/advance', summary: 'Move the clock forward by {"ms": n}.' },
  { method: 'get', path: '/behaviours', summary: 'Every behaviour, with the rule it breaks.' },
  {
    method: 'post',
    path: '/keys/rotate',
    summary:
      'Rotate the signing keys: new keys sign from now on; the old ones stay in the JWKS for {"graceMs": n} (optional; default 120000; 0 = removed at once).',
  },
  {
    method: 'post',
    path: '/issuers',
    summary:
      'Root issuer only: add the issuer {issuer}/{id} with its own config, {"id": "test-42", "config": {…}} (the config of createMockIdp, without issuer, host or port).',
  },
  { method: 'get', path: '/issuers', summary: 'Root issuer only: the issuers added by path.' },
  {
    method: 'delete',
    path: '/issuers/{id}',
    summary: 'Root issuer only: stop serving the issuer added as {id}.',
  },
] as const

const problem = (error: string, description: string, status: number, headers: Record<string, string> = {}) =>
  Response.json(
    { error, error_description: description },
    { status, headers: { 'Cache-Control': 'no-store', ...headers } },
  )

/** What a control operation receives: the request's JSON body, already read and parsed. */
interface ControlEnv {
  Bindings: { body: unknown }
}

/** The control API of one issuer, as a handler of requests under its prefix. */
export function controlApi(provider: Provider, issuers?: IssuerDirectory): (request: Request) => Promise<Response> {
  const api = operations(provider, issuers)
  const { control, limits } = provider.config
  const settings = {
    token: control.token,
    issuer: provider.issuer,
    listen: { host: provider.config.host, port: provider.config.port },
    routes: CONTROL_ROUTES.filter((route) => issuers !== undefined || !route.path.startsWith('/issuers')),
    maxBodyBytes: limits.maxControlBodyBytes,
  }
  return async (raw) => {
    const url = new URL(raw.url)
    // The routes are relative to the prefix (which may sit under an issuer's path).
    const path = url.pathname.slice(url.pathname.indexOf(control.prefix) + control.prefix.length) || '/'
    const request: GuardedRequest = { method: raw.method.toUpperCase(), url, path, headers: raw.headers }
    const refusal = refusalBeforeBody(request, settings)
    if (refusal) {
      // The body (if any) stays unread: closing the connection after the answer is cheaper than
      // taking in what may be hundreds of megabytes.
      const headers = bodyFollows(request) ? { ...refusal.headers, Connection: 'close' } : refusal.headers
      return problem(refusal.error, refusal.description, refusal.status, headers)
    }
    let body: unknown
    if (request.method === 'POST') {
      try {
        const { bodyText } = await parseRequest(webRequestSource(raw), limits.maxControlBodyBytes)
        if (bodyText !== undefined && bodyText.trim() !== '') body = parseBoundedJson(bodyText)
      } catch (error) {
        if (error instanceof PayloadTooLarge) {
          return problem(
            'invalid_request',
            `the body exceeds ${limits.maxControlBodyBytes} bytes (limits.maxControlBodyBytes)`,
            413,
            { Connection: 'close' },
          )
        }
        if (error instanceof BodyNotReceived) provider.log.debug(`control API: ${error.description}`)
        // A body that is not UTF-8 or did not arrive whole (parseRequest), or not bounded JSON.
        if (error instanceof OAuthError) return problem('invalid_request', error.description, 400)
        if (error instanceof JsonBodyError) return problem('invalid_request', error.message, 400)
        throw error
      }
    }
    url.pathname = path
    // With a shared store, the keys and clock as another instance may have left them.
    await catchUp(provider)
    return api.fetch(new Request(url, { method: request.method, headers: raw.headers }), { body })
  }
}

function operations(provider: Provider, issuers?: IssuerDirectory): Hono<ControlEnv> {
  const api = new Hono<ControlEnv>()

  api.post('/use', async (c) => {
    if (c.env.body === undefined) return problem('invalid_request', 'the body must be one override as JSON', 400)
    try {
      return c.json({ queued: await queueOverride(provider, c.env.body) }, 201)
    } catch (error) {
      if (error instanceof OverrideError) return problem('invalid_request', error.message, 400)
      throw error
    }
  })
  api.get('/overrides', async (c) =>
    c.json([...provider.overrides.list(), ...((await provider.shared?.listOverrides()) ?? [])]),
  )
  api.post('/reset', async (c) => {
    await resetProvider(provider)
    return c.body(null, 204)
  })
  api.get('/requests', async (c) => {
    const endpoint = c.req.query('endpoint')
    const redact = c.req.query('redact') !== 'false'
    const filter = { redact, ...(endpoint ? { endpoint } : {}) }
    // With a shared store: what every instance recorded.
    if (provider.shared) return c.json(sharedRequests(await provider.shared.requests(), filter))
    return c.json(provider.recorder.list(filter))
  })
  api.get('/clock', (c) => c.json({ now: provider.clock.now() }))
  api.post('/clock/advance', async (c) => {
    const body = c.env.body as { ms?: unknown } | undefined
    if (typeof body?.ms !== 'number' || !Number.isFinite(body.ms) || body.ms < 0) {
      return problem('invalid_request', 'the body must be {"ms": <milliseconds to move forward, at least 0>}', 400)
    }
    try {
      const now = advanceClock(provider, body.ms)
      await publishControl(provider)
      return c.json({ now })
    } catch (error) {
      if (error instanceof OverrideError) return problem('invalid_request', error.message, 400)
      throw error
    }
  })
  api.get('/behaviours', (c) => c.body(behaviourList('json'), 200, { 'Content-Type': 'application/json' }))
  api.post('/keys/rotate', async (c) => {
    const body = c.env.body ?? {}
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return problem('invalid_request', 'the body must be empty or {"graceMs": <milliseconds, at least 0>}', 400)
    }
    try {
      return c.json(await rotateKeys(provider, body as { graceMs?: number }))
    } catch (error) {
      if (error instanceof OverrideError) return problem('invalid_request', error.message, 400)
      throw error
    }
  })
  if (issuers) {
    api.post('/issuers', async (c) => {
      const body = c.env.body as { id?: unknown; config?: unknown } | null | undefined
      const config = body?.config ?? {}
      if (typeof body?.id !== 'string' || typeof config !== 'object' || config === null || Array.isArray(config)) {
        return problem('invalid_request', 'the body must be {"id": "<issuer id>", "config": { … } (optional)}', 400)
      }
      // Key files are read from the server's disk: that is for whoever starts the mock, not for a
      // remote caller of the control API.
      if ((config as { keys?: { source?: unknown } }).keys?.source === 'files') {
        return problem('invalid_request', 'keys.source "files" is not accepted over the control API', 400)
      }
      try {
        const { id, issuer } = await issuers.add(body.id, config as Record<string, unknown>)
        return c.json({ id, issuer }, 201)
      } catch (error) {
        // A bad id or config is the caller's to fix; the message says what and where.
        if (error instanceof Error && (error.name === 'IssuerError' || error.name === 'ConfigError')) {
          return problem('invalid_request', error.message, 400)
        }
        throw error
      }
    })
    api.get('/issuers', (c) => c.json(issuers.list()))
    api.delete('/issuers/:id', async (c) =>
      (await issuers.remove(c.req.param('id')))
        ? c.body(null, 204)
        : problem('invalid_request', `no issuer "${c.req.param('id')}" was added`, 404),
    )
  }
  api.notFound((c) => problem('invalid_request', `no control operation at ${c.req.method} ${c.req.path}`, 404))
  api.onError((error) => {
    // The shared store away (503 temporarily_unavailable): the caller may retry.
    if (error instanceof OAuthError) return problem(error.error, error.description, error.status, error.headers)
    // A bug of ours: logged (redacted) and answered without internals.
    provider.log.error('control API: unexpected error', error instanceof Error ? error.stack : error)
    return problem('server_error', 'the server met an unexpected condition', 500)
  })
  return api
}

function sharedRequests(stored: StoredExchange[], filter: { redact: boolean; endpoint?: string }): RecordedExchange[] {
  return stored
    .filter((entry) => filter.endpoint === undefined || entry.endpoint === filter.endpoint)
    .map((entry) => viewStoredExchange(entry, filter.redact))
}
