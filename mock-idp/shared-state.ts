/**
 * What the instances of one issuer that share a store (Redis, docs/several-instances.md) must
 * agree on besides its entries: the key that signs cookies and CSRF tokens, the signing keys
 * (rotations included), the clock's offset, and what the control API queued and records. A
 * provider without one (the memory store) keeps all of this in its process.
 */
import type { Override } from './control/override.js'
import type { AppliedOverrides } from './control/override-queue.js'
import type { EndpointName } from './endpoints/endpoint-name.js'
import type { KeySnapshot } from './keys/key-store.js'
import type { StoredExchange } from './recorder.js'

export interface SharedControl {
  /** The offset of the mock's clock from real time, in ms. */
  clockOffsetMs: number
  keys: KeySnapshot
}

export interface SharedState {
  /**
   * The key for HMACs over cookies and CSRF tokens: the one shared already, or else `own`, which
   * then becomes the shared one.
   */
  secret(own: Buffer): Promise<Buffer>
  /**
   * The control state every instance starts from: the one already shared, or — for the first
   * instance — `own`, which then becomes the shared one. `initial` are the keys `reset` goes back to.
   */
  join(own: SharedControl): Promise<{ current: SharedControl; initial: KeySnapshot }>
  /**
   * The shared control state when another instance changed it since this one last looked (one
   * round trip when none did); 'lost' when the store no longer holds it (Redis restarted empty).
   */
  changed(): Promise<SharedControl | 'lost' | undefined>
  /** Makes `state` the shared control state (after a rotation, a clock move or a reset). */
  publish(state: SharedControl): Promise<void>
  /** Records an exchange for every instance's `/requests` (bounded by count and bytes). */
  record(exchange: StoredExchange): Promise<void>
  /** The exchanges every instance recorded, oldest first. */
  requests(): Promise<StoredExchange[]>
  /** Queues an override (control API `/use`) that the next matching request on any instance takes. */
  useOverride(override: Override): Promise<void>
  /** What the shared queue holds for a request at `endpoint`; undefined when it holds nothing. */
  takeOverrides(endpoint: EndpointName): Promise<AppliedOverrides | undefined>
  /** The shared queue, as control API `/overrides` lists it. */
  listOverrides(): Promise<Array<Override & { remaining: number | 'persistent' }>>
  /** Forgets the shared overrides and recorded exchanges (reset). */
  clearControl(): Promise<void>
  /** Records an issuer added by path (its id and config input), for every instance to serve. */
  saveIssuer(id: string, input: unknown): Promise<void>
  deleteIssuer(id: string): Promise<void>
  /** Every issuer added by path, when the set changed since this instance last looked; else undefined. */
  issuersIfChanged(): Promise<Map<string, unknown> | undefined>
}
