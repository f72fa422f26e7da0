/**
 * The mock IdP's state: codes, tokens, sessions, interactions. Asynchronous so that a shared store
 * (Redis) fits behind the same interface. Values are JSON-serialisable records.
 *
 * Every entry belongs to a *kind*, named by its key's prefix (`kindOfKey` in records.ts), and each
 * kind has its own budget of entries and bytes. Budgets are per kind so that one kind of traffic
 * can never crowd out another: a flood of unauthenticated authorization requests fills the
 * interactions budget and nothing else, so live codes, tokens and sessions survive it. A store
 * that shares its state (Redis) maps kinds, budgets and lifetimes the same way, by key prefix.
 */
import { TemporarilyUnavailable } from '../errors.js'

export const storeKinds = ['interactions', 'sessions', 'codes', 'tokens'] as const
export type StoreKind = (typeof storeKinds)[number]

export interface KindBudget {
  /** Most entries of this kind kept at once. */
  maxEntries: number
  /** Most bytes (key plus the record's JSON size, approximately) of this kind kept at once. */
  maxBytes: number
}

export type StoreBudgets = Record<StoreKind, KindBudget>

/**
 * What a store does with a new entry when its kind's budget is full.
 *
 * - `refuse`: the entry is not stored and `set` throws `StoreFullError`. For what is in progress
 *   and short-lived — an interaction (a login page someone is filling in) and an unredeemed code
 *   (seconds from being redeemed) — failing the *new* request with a clear error is better than
 *   silently breaking a live one; room comes back as entries finish or expire.
 * - `evict-oldest`: the kind's least recently written entries make room. Sessions and tokens are
 *   created only after a user has authenticated, live for hours or days, and accumulate with
 *   normal use: refusing would lock every new user out until old entries expire, while evicting
 *   the oldest asks only their holders to sign in or refresh again — something clients must
 *   handle anyway (RFC 6749 §6 and §5.2 invalid_grant; RFC 6750 §3.1 invalid_token).
 */
export const whenFull: Record<StoreKind, 'refuse' | 'evict-oldest'> = {
  interactions: 'refuse',
  codes: 'refuse',
  sessions: 'evict-oldest',
  tokens: 'evict-oldest',
}

export interface KindUsage extends KindBudget {
  entries: number
  bytes: number
  /** New entries refused since start (or the last `clear`) because the budget was full. */
  refused: number
  /** Live entries evicted since start (or the last `clear`) to make room. */
  evicted: number
}

export type StoreUsage = Record<StoreKind, KindUsage>

/**
 * Where `take` leaves the value it took (a tombstone): under another key, for `ttlSeconds`. The
 * marker of a redeemed code or a rotated refresh token is the record itself, so whoever finds it
 * knows the grant to revoke.
 */
export interface LeaveBehind {
  key: string
  ttlSeconds: number
}

export interface Store {
  get<T>(key: string): Promise<T | undefined>
  /**
   * Stores `value` for `ttlSeconds` seconds. Replacing a live entry always succeeds. A new entry
   * whose kind's budget is full is refused (`StoreFullError`) or makes room by evicting the
   * kind's oldest entries, as `whenFull` says.
   */
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>
  /**
   * Atomically reads and deletes: of any number of concurrent calls for one key, exactly one gets
   * the value. This is what makes an authorization code single-use (RFC 6749 §4.1.2). With
   * `leave`, the value stays behind under `leave.key`, written in the same atomic step: a loser
   * that looks there right after always finds it, so a concurrent replay of a code or reuse of a
   * refresh token is recognised as such, never as merely unknown (RFC 9700 §4.14.2).
   */
  take<T>(key: string, leave?: LeaveBehind): Promise<T | undefined>
  delete(key: string): Promise<void>
  clear(): Promise<void>
  /** Entries and bytes held per kind, against their budgets. */
  usage(): Promise<StoreUsage>
  close?(): Promise<void>
}

/**
 * A new entry was refused because its kind's budget is full. It is the authorization server's
 * `temporarily_unavailable` (RFC 6749 §4.1.2.1: "unable to handle the request due to a temporary
 * overloading"): redirected to the client from the authorization endpoint, a 503 with
 * `Retry-After` (RFC 9110 §10.2.3) elsewhere — never an `invalid_grant` for something that was
 * silently dropped.
 */
export class StoreFullError extends TemporarilyUnavailable {
  constructor(
    readonly kind: StoreKind,
    readonly retryAfterSeconds: number,
  ) {
    super(
      `the server is busy: too many ${describeKind[kind]} at once (limits.store.${kind} is full); try again in ${retryAfterSeconds} seconds`,
      { headers: { 'Retry-After': String(retryAfterSeconds) }, detail: { kind } },
    )
  }
}

const describeKind: Record<StoreKind, string> = {
  interactions: 'sign-ins in progress',
  codes: 'authorization codes waiting to be redeemed',
  sessions: 'login sessions',
  tokens: 'tokens',
}
