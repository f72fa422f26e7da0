/**
 * `state` round trips (RFC 6749 §4.1.1, §4.1.2): a 128-character value, long
 * values, reserved and non-ASCII characters, and no state at all. All in the shared session.
 */
import { randomToken } from '../../../flows/authorization-request.js'
import { attemptOnly, longState, scenarioGatherer, sessionJar } from '../../../flows/authorization-scenario.js'
import { attemptFlow, type FlowAttempt } from '../../../flows/flow-attempt.js'

export const STATE_LENGTHS = [512, 1024, 2048] as const

declare module '../../../harness/evidence.js' {
  interface Evidence {
    stateEchoed: FlowAttempt
    stateLong: Array<{ length: number; flow: FlowAttempt }>
    stateSpecialChars: FlowAttempt
    stateAbsent: FlowAttempt
  }
}

/** A random state of exactly `length` base64url characters. */
export function stateOfLength(length: number): string {
  return randomToken(Math.ceil((length * 3) / 4)).slice(0, length)
}

/** Reserved characters of the query (`+ / = % & ;`), a space and a non-ASCII letter, then randomness. */
export function specialState(): string {
  return `cf+/=%&; é-${randomToken(12)}`
}

export const stateEchoedGatherer = scenarioGatherer('stateEchoed', async (context) =>
  attemptOnly(context, {
    label: 'state: a 128-character value',
    jar: await sessionJar(context),
    overrides: { state: longState() },
  }),
)

export const stateLongGatherer = scenarioGatherer('stateLong', async (context) => {
  const jar = await sessionJar(context)
  return Promise.all(
    STATE_LENGTHS.map(async (length) => ({
      length,
      flow: await attemptOnly(context, {
        label: `state: ${length} characters`,
        jar,
        overrides: { state: stateOfLength(length) },
      }),
    })),
  )
})

export const stateSpecialCharsGatherer = scenarioGatherer('stateSpecialChars', async (context) =>
  attemptOnly(context, {
    label: 'state: reserved and non-ASCII characters',
    jar: await sessionJar(context),
    overrides: { state: specialState() },
  }),
)

/** Redeemed too, so that an invented `s_hash` in the ID token would show. */
export const stateAbsentGatherer = scenarioGatherer('stateAbsent', async (context) =>
  attemptFlow(context, { label: 'state: none sent', jar: await sessionJar(context), overrides: { state: undefined } }),
)

export const stateGathererList = [
  stateEchoedGatherer,
  stateLongGatherer,
  stateSpecialCharsGatherer,
  stateAbsentGatherer,
]
