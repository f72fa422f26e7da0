/**
 * A mock IdP that is already running (`codeflow client --issuer URL`), driven through its HTTP
 * control API (docs/control-api-and-limits.md): it must run with the control API on
 * (`codeflow idp --control`), and with `--control-token` (read here from CODEFLOW_CONTROL_TOKEN)
 * when it is not on loopback. Each run adds its issuers by path and removes them at the end.
 */
import { defaultUsers } from '../../mock-idp/config/defaults.js'
import type { RecordedExchange } from '../../mock-idp/recorder.js'
import type { IdpConnection, IssuerConfig, IssuerHandle } from './idp-connection.js'

export const CONTROL_PREFIX = '/_codeflow'

export class RemoteIdpError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RemoteIdpError'
  }
}

export async function connectRemoteIdp(url: string, token: string | undefined): Promise<IdpConnection> {
  const root = url.replace(/\/+$/, '')
  const call = async (base: string, method: string, path: string, body?: unknown): Promise<Response> => {
    let response: Response
    try {
      response = await fetch(`${base}${CONTROL_PREFIX}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      })
    } catch (error) {
      throw new RemoteIdpError(
        `the mock IdP at ${root} did not answer ${method} ${CONTROL_PREFIX}${path}: ${String(error)}`,
      )
    }
    if (response.status >= 400) {
      const text = (await response.text()).slice(0, 300)
      const hint =
        response.status === 404
          ? ' (is its control API on? start it with "codeflow idp --control")'
          : response.status === 401
            ? ' (set CODEFLOW_CONTROL_TOKEN to its --control-token)'
            : ''
      throw new RemoteIdpError(`${method} ${CONTROL_PREFIX}${path} at ${base}: ${response.status} ${text}${hint}`)
    }
    return response
  }
  // Fails early, with the hint, when the control API is off or the token is wrong.
  await call(root, 'GET', '/clock')

  return {
    url: root,
    addIssuer: async (id: string, config: IssuerConfig): Promise<IssuerHandle> => {
      const added = (await (await call(root, 'POST', '/issuers', { id, config })).json()) as { issuer: string }
      const issuer = added.issuer
      return {
        issuer,
        use: async (override) => {
          await call(issuer, 'POST', '/use', override)
        },
        requests: async (options) =>
          (await (
            await call(issuer, 'GET', `/requests${options?.redact === false ? '?redact=false' : ''}`)
          ).json()) as RecordedExchange[],
        reset: async () => {
          await call(issuer, 'POST', '/reset')
        },
        rotateKeys: async (options) =>
          (await (await call(issuer, 'POST', '/keys/rotate', options)).json()) as { kid: string; previous: string[] },
        now: async () =>
          Math.floor(((await (await call(issuer, 'GET', '/clock')).json()) as { now: number }).now / 1000),
        firstUser: () => defaultUsers[0],
        remove: async () => {
          await call(root, 'DELETE', `/issuers/${encodeURIComponent(id)}`)
        },
      }
    },
    close: async () => {},
  }
}
