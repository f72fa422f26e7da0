/** Hand-built evidence for the unit tests of the authorization and state checks. */

import type { Exchange } from '../../reports/run-result.js'
import type { AuthorizeResult } from '../drivers/driver.js'
import type { FlowAttempt } from '../flows/flow-attempt.js'
import { parseTargetFile, type TargetFile } from '../harness/target.js'

export const target: TargetFile = parseTargetFile({
  name: 'unit',
  issuer: 'https://op.example',
  clients: [{ client_id: 'c', client_secret: 'secret-1', redirect_uris: ['https://client.example.org/cb'] }],
  users: [{ username: 'alice', password: 'wonderland' }],
})

export function callback(
  params: Record<string, string>,
  extra: Partial<Extract<AuthorizeResult, { kind: 'callback' }>> = {},
): AuthorizeResult {
  const allParams = Object.entries(params)
  return {
    kind: 'callback',
    url: `https://client.example.org/cb?${new URLSearchParams(params)}`,
    mode: 'query',
    params,
    allParams,
    redirectStatus: 302,
    sawLogin: false,
    sawConsent: false,
    exchanges: [],
    ...extra,
  }
}

export function page(status = 400, html = '<p>error</p>'): AuthorizeResult {
  return { kind: 'page', status, url: 'https://op.example/authorize', html, sawLogin: false, exchanges: [] }
}

export function flow(
  result: AuthorizeResult,
  params: Record<string, string> = { state: 'st' },
  extra: Partial<FlowAttempt> = {},
): FlowAttempt {
  return {
    attempt: {
      request: {
        url: 'https://op.example/authorize',
        params,
        pairs: Object.entries(params),
        client: target.clients[0]!,
        redirectUri: 'https://client.example.org/cb',
        state: params.state,
        nonce: params.nonce,
      },
      result,
      jar: undefined as never,
    },
    ...extra,
  } as FlowAttempt
}

export function htmlExchange(
  headers: Record<string, string>,
  body = '<html></html>',
  method = 'GET',
  status = 200,
): Exchange {
  return {
    id: 1,
    label: 'page',
    request: { method, url: 'https://op.example/login', headers: {} },
    response: { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body },
    durationMs: 1,
  }
}
