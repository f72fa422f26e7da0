/** Hand-built evidence for the code and token areas' unit tests. */
import type { CallResult } from '../flows/token-calls.js'
import type { AnyCheck, Verdict } from '../harness/check.js'
import { parseTargetFile, type TargetFile } from '../harness/target.js'

export function target(overrides: Record<string, unknown> = {}): TargetFile {
  return parseTargetFile({
    name: 'unit',
    issuer: 'https://op.example.com',
    clients: [
      {
        client_id: 'client-a',
        client_secret: 'Zm9vYmFyYmF6cXV4cXV1eHh5enp5eDEyMzQ1Njc4OTAxMjM0NTY3ODkw',
        redirect_uris: ['https://rp.example.org/cb'],
      },
    ],
    users: [{ username: 'alice', password: 'pw' }],
    ...overrides,
  })
}

export function response(
  status: number,
  body?: Record<string, unknown>,
  headers: Record<string, string> = {},
): CallResult {
  const all = new Headers({
    'content-type': 'application/json',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    ...headers,
  })
  return {
    status,
    headers: all,
    body,
    text: body ? JSON.stringify(body) : '',
    contentType: all.get('content-type')?.split(';')[0]?.trim().toLowerCase(),
    exchange: {
      id: 1,
      label: 'unit',
      request: { method: 'POST', url: 'https://op.example.com/token', headers: {} },
      durationMs: 1,
    },
  }
}

export const tokens = (extra: Record<string, unknown> = {}) =>
  response(200, { access_token: 'SlAV32hkKG', token_type: 'Bearer', expires_in: 600, id_token: 'a.b.c', ...extra })

export const error = (code: string, status = 400, headers: Record<string, string> = {}) =>
  response(status, { error: code, error_description: 'refused' }, headers)

export function judge(
  check: AnyCheck,
  evidence: Record<string, unknown>,
  targetFile: TargetFile = target(),
): Verdict['kind'] {
  return check.evaluate(evidence as never, { target: targetFile }).kind
}
