/**
 * The operations a test drives the mock with, shared by the library (`createMockIdp`) and the
 * HTTP control API (control-api.ts), so both mean exactly the same thing.
 */
import { OffsetClock } from '../clock.js'
import type { Provider } from '../provider.js'
import { type Override, OverrideError, parseOverride } from './override.js'
import { catchUp, publishControl } from './shared-control.js'

/**
 * Queues an override as the control API does: with a shared store, in the queue every instance
 * takes from; otherwise in this process's. Throws OverrideError when it could never be honoured.
 */
export async function queueOverride(provider: Provider, input: unknown): Promise<Override> {
  if (!provider.shared) return useOverride(provider, input)
  const override = checkedOverride(provider, input)
  await provider.shared.useOverride(override)
  return override
}

/** Validates and queues an override in this process; throws OverrideError when it could never be honoured. */
export function useOverride(provider: Provider, input: unknown): Override {
  const override = checkedOverride(provider, input)
  provider.overrides.use(override)
  return override
}

function checkedOverride(provider: Provider, input: unknown): Override {
  const override = parseOverride(input)
  if ('login' in override && !provider.users.byUsername(override.login)) {
    const known = provider.users
      .all()
      .slice(0, 10)
      .map((user) => user.username)
      .join(', ')
    throw new OverrideError(`use({ login: "${override.login}" }): no such user; known: ${known}`)
  }
  return override
}

/**
 * Back to the start: no sessions, codes, tokens, recorded requests or overrides; the keys loaded
 * at start (rotations undone); the clock rewound.
 */
export async function resetProvider(provider: Provider): Promise<void> {
  provider.overrides.clear()
  provider.recorder.clear()
  await provider.store.clear()
  provider.keys.restore()
  if (provider.clock instanceof OffsetClock) provider.clock.offsetMs = 0
  await publishControl(provider)
  await provider.shared?.clearControl()
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

/**
 * How long a replaced key stays in the JWK Set by default: the JWKS endpoint says
 * `Cache-Control: max-age=60`, so a client that honours it refetches within 60 s; another 60 s
 * covers a client that refreshes lazily (on its next token) or a slow network, and tokens signed
 * just before the rotation still verify meanwhile.
 */
export const DEFAULT_ROTATION_GRACE_MS = 120_000

export interface RotateKeysOptions {
  /**
   * Milliseconds (on the mock's clock) the replaced keys stay published; default 120 000.
   * 0 removes them at once: a client that cached the old JWK Set then fails until it refetches.
   */
  graceMs?: number
}

export interface KeyRotation {
  /** The new key of the default algorithm (`keys.algorithms[0]`): the next tokens carry this kid. */
  kid: string
  /** Every new key, one per configured algorithm. */
  kids: string[]
  /** When the replaced keys leave the JWK Set (ms since the epoch, on the mock's clock). */
  retiresAt: number
  /** The kids that signed until now. */
  previous: string[]
}

/**
 * Key rotation on demand: new keys (one per algorithm) sign from now on; the keys they replace stay
 * in the JWK Set until `graceMs` has passed on the mock's clock (`clock.advance` ends it early).
 */
export async function rotateKeys(provider: Provider, options: RotateKeysOptions = {}): Promise<KeyRotation> {
  const graceMs: unknown = options.graceMs === undefined ? DEFAULT_ROTATION_GRACE_MS : options.graceMs
  if (typeof graceMs !== 'number' || !Number.isFinite(graceMs) || graceMs < 0) {
    throw new OverrideError(`rotateKeys: graceMs must be a number of milliseconds, at least 0; got ${String(graceMs)}`)
  }
  const fresh = await provider.keys.generateRotationKeys()
  const now = provider.clock.now()
  const retiresAt = now + graceMs
  await catchUp(provider)
  const previous = provider.keys.rotate(fresh, retiresAt, now)
  await publishControl(provider)
  const defaultAlg = provider.config.keys.algorithms[0]
  const kid = (fresh.find((key) => key.alg === defaultAlg) ?? fresh[0])?.kid
  if (kid === undefined) throw new Error('rotateKeys: the key store has no signing key to replace')
  return { kid, kids: fresh.map((key) => key.kid), retiresAt, previous }
}
