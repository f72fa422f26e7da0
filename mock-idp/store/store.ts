/**
 * The mock IdP's state: codes, tokens, sessions, interactions. Asynchronous so that a shared store
 * (Redis) fits behind the same interface. Values are JSON-serialisable records.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>
  /** Stores `value` for `ttlSeconds` seconds. */
  set<T>(key: string, value: T, ttlSeconds: number): Promise<void>
  /**
   * Atomically reads and deletes: of any number of concurrent calls for one key, exactly one gets
   * the value. This is what makes an authorization code single-use (RFC 6749 §4.1.2).
   */
  take<T>(key: string): Promise<T | undefined>
  delete(key: string): Promise<void>
  clear(): Promise<void>
  close?(): Promise<void>
}
