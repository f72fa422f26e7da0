import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, it } from 'vitest'
import { runChecks, useMockIdp, withMockIdp } from '../../../test/support/against-mock.js'
import { parseTargetFile, type TargetFile } from '../../harness/target.js'

const idp = useMockIdp()

/** The mock's own target file, plus the documented login-cancel and consent-deny hooks (mock-idp/ui/*-page.ts). */
function withCancelAndDeny(target: TargetFile): TargetFile {
  if (target.login.driver === 'form') {
    target.login.cancel ??= 'button[data-testid=login-cancel]'
    if (target.login.consent) target.login.consent.deny ??= 'button[data-testid=consent-deny]'
  }
  return target
}

it('passes every authorization and state check against the default mock IdP', async () => {
  const run = await runChecks(idp(), ['authorization', 'state'], withCancelAndDeny)
  expect(run.offending).toEqual([])
}, 60_000)

it('judges the redirect URI query checks when a client registers a redirect URI with a query', async () => {
  const run = await withMockIdp(
    {
      clients: [
        {
          client_id: 'codeflow-query',
          client_secret: 'codeflow-query-secret',
          token_endpoint_auth_method: 'client_secret_basic',
          redirect_uris: ['https://client.example.org/cb?tenant=blue&lang=en'],
        },
      ],
    },
    (custom) => runChecks(custom, ['authz.redirect-uri-query-mismatch', 'authz.redirect-uri-query-preserved']),
  )
  expect(
    run.results.map((result) => [result.id, result.outcome]),
    run.report,
  ).toEqual([
    ['authz.redirect-uri-query-mismatch', 'passed'],
    ['authz.redirect-uri-query-preserved', 'passed'],
  ])
}, 60_000)

/**
 * A lax authorization server (like the open redirectors the catalog warns about): every request
 * is redirected to whatever redirect_uri it names, with a code, and state is copied with a naive
 * encoding; an unknown client gets a page that reflects state unescaped.
 */
function laxServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const url = new URL(request.url ?? '/', base)
    if (url.pathname === '/.well-known/openid-configuration') {
      response.setHeader('content-type', 'application/json')
      response.end(
        JSON.stringify({
          issuer: base,
          authorization_endpoint: `${base}/authorize`,
          token_endpoint: `${base}/token`,
          response_types_supported: ['code'],
        }),
      )
      return
    }
    if (url.pathname === '/authorize') {
      const params = url.searchParams
      const state = params.get('state')
      if (params.get('client_id')?.startsWith('codeflow-unknown')) {
        response.statusCode = 400
        response.setHeader('content-type', 'text/html')
        response.end(`<p>Unknown client. state=${state}</p>`)
        return
      }
      const target = params.get('redirect_uri') ?? 'https://client.example.org/cb'
      const separator = target.includes('?') ? '&' : '?'
      response.statusCode = 302
      response.setHeader(
        'location',
        `${target}${separator}code=lax-code${state === null ? '' : `&state=${encodeURI(state)}`}`,
      )
      response.end()
      return
    }
    response.statusCode = 404
    response.end()
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  )
}

it('fails the open-redirect, response_type, duplicate and state checks against a lax server', async () => {
  const lax = await laxServer()
  try {
    const target = parseTargetFile({
      name: 'lax',
      issuer: lax.url,
      clients: [
        {
          client_id: 'lax-client',
          client_secret: 'lax-secret',
          redirect_uris: ['https://client.example.org/cb'],
          scope: 'openid profile',
        },
      ],
      users: [{ username: 'alice', password: 'wonderland' }],
    })
    const run = await runChecks(target, ['authorization', 'state'])
    const outcome = Object.fromEntries(run.results.map((result) => [result.id, result.outcome]))
    const expectedFailures = [
      'authz.client-id-missing',
      'authz.redirect-uri-unregistered',
      'authz.redirect-uri-query-added',
      'authz.redirect-uri-code-pollution',
      'authz.redirect-uri-fragment',
      'authz.redirect-uri-variants',
      'authz.redirect-uri-missing',
      'authz.response-type-missing',
      'authz.response-type-unknown',
      'authz.duplicate-param',
      'state.special-chars',
    ]
    for (const id of expectedFailures) expect(outcome[id], `${id}: ${run.report}`).toBe('failed')
    expect(outcome['state.reflection-escaped']).toBe('warning')
    expect(outcome['authz.client-id-unknown']).toBe('passed')
    expect(outcome['state.echoed']).toBe('passed')
  } finally {
    lax.server.close()
  }
}, 60_000)
