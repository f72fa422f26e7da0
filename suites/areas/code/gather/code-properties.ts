/**
 * Authorization code properties: a sample of codes for the entropy and charset
 * checks (RFC 6749 §10.10, App. A.11), codes and tokens presented as each other, each from a
 * grant of its own (type confusion, RFC 6749 §5.2, RFC 6750 §3.1), and — only with `policy.slow_checks` — a code redeemed after the
 * recommended maximum lifetime (RFC 6749 §4.1.2).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Exchange } from '../../../../reports/run-result.js'
import { primaryClient } from '../../../flows/clients.js'
import { type CodeAttempt, redeem } from '../../../flows/code-flow.js'
import { codeSource } from '../../../flows/code-source.js'
import { type CallResult, redeemCode, refresh, userinfo } from '../../../flows/token-calls.js'
import { EvidenceUnavailable } from '../../../harness/evidence.js'
import { defineGatherer } from '../../../harness/gatherer.js'

export interface CodeSamplesEvidence {
  /** Codes as received in the authorization responses (URL-decoded). */
  codes: string[]
  exchanges: Exchange[]
}

export interface CodeTypeConfusionEvidence {
  /** A fresh code sent as grant_type=refresh_token's refresh_token. */
  codeAsRefreshToken: CallResult
  /** The same code as a bearer token at UserInfo (undefined without a UserInfo endpoint). */
  codeAsBearer?: CallResult
  /** An access token sent as the code of grant_type=authorization_code. */
  accessTokenAsCode?: CallResult
  /** A refresh token sent as the code (undefined when none was issued). */
  refreshTokenAsCode?: CallResult
}

export interface CodeExpiryEvidence {
  waitedSeconds: number
  call: CallResult
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    codeSamples: CodeSamplesEvidence
    codeTypeConfusion: CodeTypeConfusionEvidence
    codeExpiry: CodeExpiryEvidence
  }
}

/** How many codes the sample adds to the happy flow's. */
const EXTRA_SAMPLES = 4

export const codeSamplesGatherer = defineGatherer({
  id: 'code-samples',
  provides: ['codeSamples'],
  gather: async (context) => {
    const happy = await context.need('happyFlow')
    const codes = [happy.code]
    const exchanges: Exchange[] = []
    const source = codeSource(context, primaryClient(context.target))
    for (let n = 1; n <= EXTRA_SAMPLES; n++) {
      const attempt = await source.next(`code sample ${n}: authorize`)
      codes.push(attempt.code)
      if (attempt.result.kind === 'callback') exchanges.push(...attempt.result.exchanges.slice(-1))
    }
    return { codeSamples: { codes, exchanges } }
  },
})

export const codeTypeConfusionGatherer = defineGatherer({
  id: 'code-type-confusion',
  provides: ['codeTypeConfusion'],
  gather: async (context) => {
    const { endpoints } = await context.need('discovery')
    const client = primaryClient(context.target)
    // Each presentation gets a code or tokens of its own, obtained just before it: a server may
    // rightly burn a code, or revoke tokens, it saw presented as something else, and the next
    // probe must not meet a value an earlier probe already spent (the defect would then hide).
    const source = codeSource(context, client)
    const codeForRefresh = await source.next('type confusion (code as refresh_token): authorize')
    const codeAsRefreshToken = await refresh(context.http, endpoints.token, {
      client,
      refreshToken: codeForRefresh.code,
      label: 'type confusion: the code sent as a refresh_token',
    })
    let codeAsBearer: CallResult | undefined
    if (endpoints.userinfo) {
      const codeForBearer = await source.next('type confusion (code as bearer token): authorize')
      codeAsBearer = await userinfo(context.http, endpoints.userinfo, {
        accessToken: codeForBearer.code,
        label: 'type confusion: the code sent as a bearer token to UserInfo',
        jar: codeForBearer.jar,
      })
    }
    const grant = async (what: string) => {
      const attempt = await source.next(`type confusion (${what} as the code): authorize`)
      const tokens = await redeem(context, attempt, { label: `type confusion: redeem a code for its ${what}` })
      return { attempt, body: tokens.body }
    }
    const asCode = (token: string, attempt: CodeAttempt, what: string) =>
      redeemCode(context.http, endpoints.token, {
        client,
        code: token,
        redirectUri: attempt.request.params.redirect_uri,
        codeVerifier: attempt.request.codeVerifier,
        label: `type confusion: the ${what} sent as the code`,
      })
    const forAccess = await grant('access token')
    const accessToken = typeof forAccess.body?.access_token === 'string' ? forAccess.body.access_token : undefined
    const accessTokenAsCode = accessToken ? await asCode(accessToken, forAccess.attempt, 'access token') : undefined
    // A refresh token of its own: the access-token probe may have cost its grant the refresh token.
    const forRefresh = forAccess.body?.refresh_token === undefined ? undefined : await grant('refresh token')
    const refreshToken = typeof forRefresh?.body?.refresh_token === 'string' ? forRefresh.body.refresh_token : undefined
    const refreshTokenAsCode =
      refreshToken && forRefresh ? await asCode(refreshToken, forRefresh.attempt, 'refresh token') : undefined
    return { codeTypeConfusion: { codeAsRefreshToken, codeAsBearer, accessTokenAsCode, refreshTokenAsCode } }
  },
})

/** RFC 6749 §4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED." Plus clock skew. */
export const CODE_EXPIRY_WAIT_SECONDS = 10 * 60 + 30

export const codeExpiryGatherer = defineGatherer({
  id: 'code-expiry',
  provides: ['codeExpiry'],
  gather: async (context) => {
    if (!context.target.policy.slow_checks) {
      throw new EvidenceUnavailable(
        `it waits ${CODE_EXPIRY_WAIT_SECONDS} s for a code to expire; set "policy": { "slow_checks": true } in the target file to run it`,
      )
    }
    const source = codeSource(context, primaryClient(context.target))
    const attempt = await source.next('code expiry: authorize')
    await sleep(CODE_EXPIRY_WAIT_SECONDS * 1000)
    const call = await redeem(context, attempt, {
      label: `code expiry: redeem the code after ${CODE_EXPIRY_WAIT_SECONDS} s`,
    })
    return { codeExpiry: { waitedSeconds: CODE_EXPIRY_WAIT_SECONDS, call } }
  },
})
