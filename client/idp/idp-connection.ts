/**
 * The mock IdP a client run drives, whether embedded (started by the runner) or already running
 * (`--issuer URL`, through its HTTP control API): issuers added for the run, each with the verbs
 * a check needs to arm a deviation, read what the app sent, and start clean again.
 */
import type { OverrideInput } from '../../mock-idp/control/override.js'
import type { RecordedExchange } from '../../mock-idp/recorder.js'

/** The part of the mock's config an issuer for a client run sets (mock-idp/config/schema.ts validates it). */
export interface IssuerConfig {
  clients: Array<Record<string, unknown>>
  users?: Array<Record<string, unknown>>
  keys?: Record<string, unknown>
  cors?: { origins: string[] }
  behaviours?: string[]
}

export interface IssuerHandle {
  issuer: string
  use(override: OverrideInput): Promise<void>
  /** Recorded exchanges, oldest first; `redact: false` for the values a check compares (never reported). */
  requests(options?: { redact?: boolean }): Promise<RecordedExchange[]>
  /** No sessions, codes, tokens, recordings or overrides; keys as loaded; the clock rewound. */
  reset(): Promise<void>
  rotateKeys(options: { graceMs: number }): Promise<{ kid: string; previous: string[] }>
  /** The mock's current time, seconds since the epoch (arming that sets iat/exp uses it). */
  now(): Promise<number>
  /** The first user of the issuer (who signs in unless the client target names one). */
  firstUser(): { username: string; password: string } | undefined
  remove(): Promise<void>
}

export interface IdpConnection {
  /** Where the mock listens (the root issuer). */
  url: string
  addIssuer(id: string, config: IssuerConfig): Promise<IssuerHandle>
  close(): Promise<void>
}
