/**
 * The operations a test drives the mock with, shared by the library (`createMockIdp`) and the
 * HTTP control API (control-api.ts), so both mean exactly the same thing.
 */
import { OffsetClock } from '../clock.js'
import type { Provider } from '../provider.js'
import { type Override, OverrideError, parseOverride } from './override.js'

/** Validates and queues an override; throws OverrideError when it could never be honoured. */
export function useOverride(provider: Provider, input: unknown): Override {
  const override = parseOverride(input)
  if ('login' in override && !provider.users.byUsername(override.login)) {
    const known = provider.users
      .all()
      .slice(0, 10)
      .map((user) => user.username)
      .join(', ')
    throw new OverrideError(`use({ login: "${override.login}" }): no such user; known: ${known}`)
  }
  provider.overrides.use(override)
  return override
}

/** Back to the start: no sessions, codes, tokens, recorded requests or overrides; the clock rewound. */
export async function resetProvider(provider: Provider): Promise<void> {
  provider.overrides.clear()
  provider.recorder.clear()
  await provider.store.clear()
  if (provider.clock instanceof OffsetClock) provider.clock.offsetMs = 0
}

/** Moves the mock's time forward; only a clock that can move (the default one) can. */
export function advanceClock(provider: Provider, ms: number): number {
  const clock = provider.clock as { advance?: (ms: number) => void }
  if (typeof clock.advance !== 'function') {
    throw new OverrideError('this mock runs on a clock that cannot be advanced (a fixed clock was passed in)')
  }
  clock.advance(ms)
  return provider.clock.now()
}
