/**
 * The waits of `delayMs` overrides, per provider, so a server that is shutting down can end them:
 * a request held for 20 s must not hold the process for 20 s after SIGTERM. A wait ended early
 * lets its request go on and answer at once.
 */
import type { Provider } from '../provider.js'

interface Pending {
  /** Waits under way, each with the function that ends it. */
  waits: Set<() => void>
  /** Set once the server shuts down: later waits end at once. */
  cancelled: boolean
}

const byProvider = new WeakMap<Provider, Pending>()

function pendingFor(provider: Provider): Pending {
  let pending = byProvider.get(provider)
  if (!pending) {
    pending = { waits: new Set(), cancelled: false }
    byProvider.set(provider, pending)
  }
  return pending
}

/** Waits `ms` milliseconds, unless the provider's server starts shutting down first. */
export function overrideDelay(provider: Provider, ms: number): Promise<void> {
  const pending = pendingFor(provider)
  if (pending.cancelled) return Promise.resolve()
  return new Promise((resolve) => {
    const end = () => {
      clearTimeout(timer)
      pending.waits.delete(end)
      resolve()
    }
    const timer = setTimeout(end, ms)
    pending.waits.add(end)
  })
}

/** Ends every wait under way now, and every later one at once. */
export function cancelDelays(provider: Provider): number {
  const pending = pendingFor(provider)
  pending.cancelled = true
  const ended = pending.waits.size
  for (const end of [...pending.waits]) end()
  return ended
}
