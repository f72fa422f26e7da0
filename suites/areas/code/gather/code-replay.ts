/**
 * Code replay scenarios (RFC 6749 §4.1.2, §10.5): a code redeemed a
 * second time at once, after 1 s (and 30 s with `policy.slow_checks`), and five concurrent
 * redemptions of one code; then whether the tokens issued from the first redemption still work.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { primaryClient } from '../../../flows/clients.js'
import { type CodeAttempt, redeem } from '../../../flows/code-flow.js'
import { codeSource } from '../../../flows/code-source.js'
import { type CallResult, refresh, userinfo } from '../../../flows/token-calls.js'
import { DriveError } from '../../../harness/evidence.js'
import { defineGatherer, type GatherContext } from '../../../harness/gatherer.js'

export interface CodeReplayEvidence {
  code: string
  first: CallResult
  /** The first access token at UserInfo before the replay (undefined without a UserInfo endpoint). */
  userinfoBefore?: CallResult
  replay: CallResult
  /** Milliseconds between the first answer and the replay request. */
  replayAfterMs: number
  userinfoAfter?: CallResult
  /** Whether the first redemption returned a refresh token. */
  refreshToken: boolean
  /** The first refresh token presented after the replay (undefined when none was issued). */
  refreshAfter?: CallResult
}

export interface DelayedReplay {
  delaySeconds: number
  first: CallResult
  replay: CallResult
}

export interface CodeReplayDelayedEvidence {
  replays: DelayedReplay[]
  /** Whether the 30 s replay ran (policy.slow_checks). */
  slow: boolean
}

export interface CodeConcurrentEvidence {
  calls: CallResult[]
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    codeReplay: CodeReplayEvidence
    codeReplayDelayed: CodeReplayDelayedEvidence
    codeConcurrent: CodeConcurrentEvidence
  }
}

/** The first redemption of a fresh code must work, or the scenario cannot be driven (a server that refuses it is not failed: the scenario could not be driven). */
async function firstRedemption(context: GatherContext, attempt: CodeAttempt, label: string): Promise<CallResult> {
  const first = await redeem(context, attempt, { label })
  if (first.status !== 200 || typeof first.body?.access_token !== 'string') {
    throw new DriveError(
      `${label}: the first redemption of a fresh code answered ${first.status}: ${first.text.slice(0, 200)}`,
    )
  }
  return first
}

export const codeReplayGatherer = defineGatherer({
  id: 'code-replay',
  provides: ['codeReplay'],
  gather: async (context) => {
    const { endpoints } = await context.need('discovery')
    const source = codeSource(context, primaryClient(context.target))
    const attempt = await source.next('code replay: authorize')
    const first = await firstRedemption(context, attempt, 'code replay: redeem the code')
    const answeredAt = performance.now()
    const accessToken = first.body!.access_token as string
    const refreshToken = typeof first.body?.refresh_token === 'string' ? first.body.refresh_token : undefined
    const userinfoBefore = endpoints.userinfo
      ? await userinfo(context.http, endpoints.userinfo, {
          accessToken,
          label: 'code replay: the access token at UserInfo before the replay',
        })
      : undefined
    const replayAfterMs = Math.round(performance.now() - answeredAt)
    const replay = await redeem(context, attempt, { label: 'code replay: redeem the same code again at once' })
    const userinfoAfter = endpoints.userinfo
      ? await userinfo(context.http, endpoints.userinfo, {
          accessToken,
          label: 'code replay: the first access token at UserInfo after the replay',
        })
      : undefined
    const refreshAfter = refreshToken
      ? await refresh(context.http, endpoints.token, {
          client: attempt.request.client,
          refreshToken,
          label: 'code replay: the first refresh token after the replay',
        })
      : undefined
    return {
      codeReplay: {
        code: attempt.code,
        first,
        userinfoBefore,
        replay,
        replayAfterMs,
        userinfoAfter,
        refreshToken: refreshToken !== undefined,
        refreshAfter,
      },
    }
  },
})

export const codeReplayDelayedGatherer = defineGatherer({
  id: 'code-replay-delayed',
  provides: ['codeReplayDelayed'],
  gather: async (context) => {
    const slow = context.target.policy.slow_checks
    const source = codeSource(context, primaryClient(context.target))
    const replays: DelayedReplay[] = []
    for (const delaySeconds of slow ? [1, 30] : [1]) {
      const attempt = await source.next(`code replay after ${delaySeconds} s: authorize`)
      const first = await firstRedemption(context, attempt, `code replay after ${delaySeconds} s: redeem the code`)
      await sleep(delaySeconds * 1000)
      const replay = await redeem(context, attempt, {
        label: `code replay after ${delaySeconds} s: redeem the same code again`,
      })
      replays.push({ delaySeconds, first, replay })
    }
    return { codeReplayDelayed: { replays, slow } }
  },
})

export const codeConcurrentGatherer = defineGatherer({
  id: 'code-concurrent',
  provides: ['codeConcurrent'],
  gather: async (context) => {
    const source = codeSource(context, primaryClient(context.target))
    const attempt = await source.next('concurrent redemption: authorize')
    const calls = await context.simultaneously('code.concurrent-redeem', () =>
      Promise.all(
        [1, 2, 3, 4, 5].map((n) => redeem(context, attempt, { label: `concurrent redemption: request ${n} of 5` })),
      ),
    )
    return { codeConcurrent: { calls } }
  },
})
