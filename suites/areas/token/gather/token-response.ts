/**
 * Token response properties that need their own flow: the `scope` member when the
 * granted scope differs from the request (RFC 6749 §3.3, §5.1), and — only with
 * `policy.slow_checks` — whether an access token stops working after `expires_in` (RFC 6750 §5.3).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Exchange } from '../../../../reports/run-result.js'
import { defaultScope } from '../../../flows/authorization-request.js'
import { primaryClient } from '../../../flows/clients.js'
import { authorize, redeem } from '../../../flows/code-flow.js'
import { codeSource } from '../../../flows/code-source.js'
import { type CallResult, userinfo } from '../../../flows/token-calls.js'
import { DriveError } from '../../../harness/evidence.js'
import { defineGatherer } from '../../../harness/gatherer.js'

/** A scope token no server defines. */
export const UNKNOWN_SCOPE = 'codeflow_not_a_scope'

export interface TokenScopeReportedEvidence {
  requested: string
  /** The authorization response's parameters (an error such as invalid_scope ends the scenario there). */
  authorization: { params: Record<string, string>; exchanges: Exchange[] } | { page: number; exchanges: Exchange[] }
  /** The code exchange, when a code came back. */
  token?: CallResult
}

/** Either the slow wait ran, or why not (the expires_in policy is judged either way). */
export type TokenAccessTokenExpiryEvidence =
  | { ran: true; expiresIn: number; waitedSeconds: number; userinfo: CallResult }
  | { ran: false; reason: string }

declare module '../../../harness/evidence.js' {
  interface Evidence {
    tokenScopeReported: TokenScopeReportedEvidence
    tokenAccessTokenExpiry: TokenAccessTokenExpiryEvidence
  }
}

export const tokenScopeReportedGatherer = defineGatherer({
  id: 'token-scope-reported',
  provides: ['tokenScopeReported'],
  gather: async (context) => {
    const client = primaryClient(context.target)
    const requested = `${defaultScope(client)} ${UNKNOWN_SCOPE}`
    const attempt = await authorize(context, {
      label: 'scope reported: authorize with an unknown scope',
      client,
      scope: requested,
    })
    const { result } = attempt
    if (result.kind === 'page') {
      return {
        tokenScopeReported: {
          requested,
          authorization: { page: result.status, exchanges: result.exchanges.slice(-1) },
        },
      }
    }
    const authorization = { params: result.params, exchanges: result.exchanges.slice(-1) }
    const code = result.params.code
    if (!code) return { tokenScopeReported: { requested, authorization } }
    const token = await redeem(context, { ...attempt, code }, { label: 'scope reported: redeem the code' })
    return { tokenScopeReported: { requested, authorization, token } }
  },
})

/** RFC 6750 §5.3 recommends short-lived tokens; the wait is only run for lifetimes up to this. */
export const MAX_AT_WAIT_SECONDS = 15 * 60
const SKEW_SECONDS = 5

export const tokenAccessTokenExpiryGatherer = defineGatherer({
  id: 'token-access-token-expiry',
  provides: ['tokenAccessTokenExpiry'],
  gather: async (context) => {
    if (!context.target.policy.slow_checks) {
      return {
        tokenAccessTokenExpiry: {
          ran: false,
          reason:
            'waiting for the access token to expire is slow; set "policy": { "slow_checks": true } in the target file to run it',
        },
      }
    }
    const { endpoints } = await context.need('discovery')
    if (!endpoints.userinfo)
      return {
        tokenAccessTokenExpiry: {
          ran: false,
          reason: 'the server has no UserInfo endpoint to try the expired token at',
        },
      }
    // A token of our own: the happy flow's may be revoked by other scenarios meanwhile.
    const attempt = await codeSource(context, primaryClient(context.target)).next('access token lifetime: authorize')
    const token = await redeem(context, attempt, { label: 'access token lifetime: redeem the code' })
    const expiresIn = token.body?.expires_in
    const accessToken = token.body?.access_token
    if (typeof accessToken !== 'string')
      throw new DriveError(`access token lifetime: the code exchange answered ${token.status}`)
    if (typeof expiresIn !== 'number' || expiresIn <= 0)
      return {
        tokenAccessTokenExpiry: { ran: false, reason: 'the token response has no usable "expires_in" to wait for' },
      }
    if (expiresIn > MAX_AT_WAIT_SECONDS) {
      const reason = `"expires_in" is ${expiresIn} s, longer than the ${MAX_AT_WAIT_SECONDS} s the suite waits`
      return { tokenAccessTokenExpiry: { ran: false, reason } }
    }
    const waitedSeconds = expiresIn + SKEW_SECONDS
    await sleep(waitedSeconds * 1000)
    const call = await userinfo(context.http, endpoints.userinfo, {
      accessToken,
      label: `access token lifetime: UserInfo ${waitedSeconds} s after the token was issued`,
    })
    return { tokenAccessTokenExpiry: { ran: true, expiresIn, waitedSeconds, userinfo: call } }
  },
})
