/**
 * Keeping an issuer's control state — signing keys and the clock's offset — the same on every
 * instance that shares its store (shared-state.ts): each request first catches up with what
 * another instance changed, and each change made through the control API is published.
 */
import { OffsetClock } from '../clock.js'
import { TemporarilyUnavailable } from '../errors.js'
import type { Provider } from '../provider.js'
import type { SharedControl } from '../shared-state.js'

/**
 * Applies what another instance published since this one last looked (one round trip when nothing
 * did). While Redis is away the instance goes on with what it last saw — keys and clock change
 * only through Redis — so discovery and the JWK Set keep answering; what needs the store fails
 * there with 503 temporarily_unavailable.
 */
export async function catchUp(provider: Provider): Promise<void> {
  const { shared } = provider
  if (!shared) return
  try {
    const changed = await shared.changed()
    if (changed === 'lost') {
      // Redis came back empty (restarted without persistence): this instance's keys, clock and
      // cookie key seed it again, unless another instance did so first — then theirs are taken.
      const joined = await shared.join({ clockOffsetMs: clockOffset(provider), keys: await provider.keys.snapshot() })
      await apply(provider, joined.current)
      provider.secret = await shared.secret(provider.secret)
      provider.log.warn('store: the shared keys and clock were missing from Redis; published them again')
    } else if (changed) {
      await apply(provider, changed)
      // The cookie key too: an instance that joined a Redis emptied meanwhile may have made a new one.
      provider.secret = await shared.secret(provider.secret)
    }
  } catch (error) {
    if (!(error instanceof TemporarilyUnavailable)) throw error
  }
}

async function apply(provider: Provider, state: SharedControl): Promise<void> {
  await provider.keys.replace(state.keys)
  if (provider.clock instanceof OffsetClock) provider.clock.offsetMs = state.clockOffsetMs
}

/** Publishes this instance's keys and clock offset to the others (after a rotation, a clock move, a reset). */
export async function publishControl(provider: Provider): Promise<void> {
  if (!provider.shared) return
  await provider.shared.publish({ clockOffsetMs: clockOffset(provider), keys: await provider.keys.snapshot() })
}

export function clockOffset(provider: Provider): number {
  return provider.clock instanceof OffsetClock ? provider.clock.offsetMs : 0
}
