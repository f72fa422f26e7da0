/**
 * Authorization code properties (catalog §4.4): a sample of codes for the entropy and charset
 * checks (RFC 6749 §10.10, App. A.11), codes and tokens presented as each other (type confusion,
 * RFC 6749 §5.2, RFC 6750 §3.1), and — only with `policy.slow_checks` — a code redeemed after the
 * recommended maximum lifetime (RFC 6749 §4.1.2).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { primaryClient } from '../flows/clients.js'
import { codeSource, redeem } from '../flows/code-source.js'
import { type CallResult, redeemCode, refresh, userinfo } from '../flows/token-calls.js'
import { EvidenceUnavailable } from '../harness/evidence.js'
import type { Exchange } from '../harness/exchange.js'
import { defineGatherer } from '../harness/gatherer.js'

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

declare module '../harness/evidence.js' {
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
    const source = codeSource(context, client)
    const attempt = await source.next('type confusion: authorize')
    const codeAsRefreshToken = await refresh(context.http, endpoints.token, {
      client,
      refreshToken: attempt.code,
      label: 'type confusion: the code sent as a refresh_token',
    })
    const codeAsBearer = endpoints.userinfo
      ? await userinfo(context.http, endpoints.userinfo, {
          accessToken: attempt.code,
          label: 'type confusion: the code sent as a bearer token to UserInfo',
        })
      : undefined
    // Tokens of our own (not the shared happy flow's): presenting them as codes may get them revoked.
    let tokens = await redeem(context, attempt, { label: 'type confusion: redeem the code' })
    if (typeof tokens.body?.access_token !== 'string') {
      // The confused presentations may have burnt it; that is fine, take another one.
      tokens = await redeem(context, await source.next('type confusion: authorize again'), {
        label: 'type confusion: redeem a second code',
      })
    }
    const accessToken = typeof tokens.body?.access_token === 'string' ? tokens.body.access_token : undefined
    const refreshToken = typeof tokens.body?.refresh_token === 'string' ? tokens.body.refresh_token : undefined
    const asCode = (token: string, what: string) =>
      redeemCode(context.http, endpoints.token, {
        client,
        code: token,
        redirectUri: attempt.request.params.redirect_uri,
        codeVerifier: attempt.request.codeVerifier,
        label: `type confusion: the ${what} sent as the code`,
      })
    return {
      codeTypeConfusion: {
        codeAsRefreshToken,
        codeAsBearer,
        accessTokenAsCode: accessToken ? await asCode(accessToken, 'access token') : undefined,
        refreshTokenAsCode: refreshToken ? await asCode(refreshToken, 'refresh token') : undefined,
      },
    }
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
