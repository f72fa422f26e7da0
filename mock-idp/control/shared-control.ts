/**
 * Keeping an issuer's control state — signing keys and the clock's offset — the same on every
 * instance that shares its store (shared-state.ts): each request first catches up with what
 * another instance changed, and each change made through the control API is published.
 */
import { OffsetClock } from '../clock.js'
import type { Provider } from '../provider.js'

/** Applies what another instance published since this one last looked (one round trip when nothing did). */
export async function catchUp(provider: Provider): Promise<void> {
  const changed = await provider.shared?.changed()
  if (!changed) return
  await provider.keys.replace(changed.keys)
  if (provider.clock instanceof OffsetClock) provider.clock.offsetMs = changed.clockOffsetMs
}

/** Publishes this instance's keys and clock offset to the others (after a rotation, a clock move, a reset). */
export async function publishControl(provider: Provider): Promise<void> {
  if (!provider.shared) return
  await provider.shared.publish({ clockOffsetMs: clockOffset(provider), keys: await provider.keys.snapshot() })
}

export function clockOffset(provider: Provider): number {
  return provider.clock instanceof OffsetClock ? provider.clock.offsetMs : 0
}
