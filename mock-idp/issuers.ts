/**
 * Several issuers in one process, by path (docs/mock-architecture.md): `http://host:port/{id}` is an issuer of its
 * own — its own clients, users, keys, behaviours, store, clock, overrides and recorded requests
 * (and, with the control API on, its own `/{id}/_codeflow/…`) —
 * served by its own app (the same `createApp`), mounted under `/{id}`. Tests that share one
 * server isolate themselves by issuer id; cookies are scoped to the issuer's path.
 */
import type { Hono } from 'hono'
import { OffsetClock } from './clock.js'
import { mergeConfig } from './config/config-sources.js'
import { readConfig } from './config/read-config.js'
import type { MockIdpConfig, MockIdpConfigInput } from './config/schema.js'
import type { Logger } from './log.js'
import { createProvider, type Provider } from './provider.js'
import type { SharedState } from './shared-state.js'

export interface PathIssuer {
  id: string
  issuer: string
  provider: Provider
  app: Hono
  clock: OffsetClock
}

const ISSUER_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$/

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An option object from the input, or {} (a wrong type is left for the schema to report). */
function objectOrEmpty(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {}
}

/** The root's option object with the input's on top; a value of the wrong type goes to the schema as it is. */
function overlay(base: object, value: unknown): unknown {
  return value === undefined ? base : isObject(value) ? { ...base, ...value } : value
}

/** Every number in `limits` (nested ones too, e.g. limits.store.codes.maxEntries) at most the root's. */
function refuseAbove(limits: Record<string, unknown>, rootLimits: object, path: string): void {
  const bounds = rootLimits as Record<string, unknown>
  for (const [field, value] of Object.entries(limits)) {
    const bound = bounds[field]
    if (typeof value === 'number' && typeof bound === 'number' && value > bound) {
      throw new IssuerError(
        `${path}.${field} ${value} is above the root issuer's ${bound}: an added issuer cannot raise the server's limits`,
      )
    }
    if (isObject(value) && isObject(bound)) refuseAbove(value, bound, `${path}.${field}`)
  }
}

/**
 * The added issuer's app, mounted under `/{id}`. Imported here rather than at the top: an
 * issuer is only ever added once the app serves requests (server.ts loads it on first need).
 */
async function issuerApp(id: string, provider: Provider): Promise<Hono> {
  // The router the issuer's own app uses (http/app.ts says why).
  const [{ Hono }, { createApp }] = await Promise.all([import('hono/tiny'), import('./http/app.js')])
  return new Hono().route(`/${id}`, createApp(provider))
}

export class IssuerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IssuerError'
  }
}

export class IssuerRegistry {
  readonly #issuers = new Map<string, PathIssuer>()
  #catchingUp: Promise<void> | undefined

  /**
   * With `shared` (the root's, over a Redis store), the issuers added by path are the same on every
   * instance: an add or a remove is recorded there, and `catchUp` applies the other instances'.
   */
  constructor(private readonly root: { issuer: string; config: MockIdpConfig; log?: Logger; shared?: SharedState }) {}

  /**
   * Serves what other instances added and stops serving what they removed (one round trip when
   * nothing changed). Redis away: the issuers as last seen.
   */
  async catchUp(): Promise<void> {
    const { shared } = this.root
    if (!shared) return
    this.#catchingUp ??= this.#applyShared(shared).finally(() => {
      this.#catchingUp = undefined
    })
    await this.#catchingUp
  }

  async #applyShared(shared: SharedState): Promise<void> {
    const all = await shared.issuersIfChanged().catch(() => undefined)
    if (!all) return
    for (const id of this.ids()) if (!all.has(id)) await this.#removeHere(id)
    for (const [id, input] of all) {
      if (this.#issuers.has(id)) continue
      await this.#addHere(id, input as MockIdpConfigInput).catch((error: unknown) => {
        this.root.log?.error(`issuer "${id}" added by another instance cannot be served here`, error)
      })
    }
  }

  get(id: string): PathIssuer | undefined {
    return this.#issuers.get(id)
  }

  ids(): string[] {
    return [...this.#issuers.keys()]
  }

  /**
   * Adds the issuer `{root}/{id}`. Its config starts from the defaults (not the root's), with
   * freshly generated signing keys unless `keys` says otherwise, so no two issuers share a key.
   */
  async add(id: string, input: MockIdpConfigInput = {}): Promise<PathIssuer> {
    await this.catchUp()
    const added = await this.#addHere(id, input)
    if (this.root.shared) {
      try {
        await this.root.shared.saveIssuer(id, input)
      } catch (error) {
        await this.#removeHere(id)
        throw error
      }
    }
    return added
  }

  async #addHere(id: string, input: MockIdpConfigInput): Promise<PathIssuer> {
    if (!ISSUER_ID.test(id)) {
      throw new IssuerError(`issuer id "${id}" must be 1–64 URL-safe characters (letters, digits, . _ ~ -)`)
    }
    if (this.#issuers.has(id)) throw new IssuerError(`issuer id "${id}" is already in use`)
    // Each issuer holds its own store (up to the budgets of limits.store): their number is bounded too.
    const { maxIssuers } = this.root.config.limits
    if (this.#issuers.size >= maxIssuers) {
      throw new IssuerError(`at most ${maxIssuers} issuers can be added (limits.maxIssuers); remove one first`)
    }
    const taken = this.#rootSegments()
    if (taken.has(id))
      throw new IssuerError(`issuer id "${id}" collides with the path of an endpoint of the root issuer`)
    this.#refuseLooserThanRoot(input)
    const issuer = `${this.root.issuer.replace(/\/$/, '')}/${id}`
    // Server-wide settings come from the root: its log level, CORS origins, control API (so
    // `{issuer}/_codeflow/…` drives this issuer alone, behind the same token), limits and
    // whether requests may switch behaviours on. The issuer may tighten them, never loosen them
    // (limits it names replace the root's one by one).
    const root = this.root.config
    const config = await readConfig({
      keys: { source: 'generate' },
      log: { level: root.log.level },
      cors: root.cors,
      allowRequestBehaviours: root.allowRequestBehaviours,
      ...input,
      limits: mergeConfig(root.limits, objectOrEmpty(input.limits)),
      // A root on a shared store keeps its added issuers' state there too (each in its own namespace).
      store: root.store,
      control: overlay(root.control, input.control),
      issuer,
      host: root.host,
      port: root.port,
    })
    const clock = new OffsetClock()
    const provider = await createProvider(config, { issuer, clock, ...(this.root.log ? { log: this.root.log } : {}) })
    const app = await issuerApp(id, provider)
    const added: PathIssuer = { id, issuer, provider, app, clock }
    this.#issuers.set(id, added)
    return added
  }

  /**
   * An added issuer shares the root's process and port: what bounds the root bounds it too. Its
   * limits may not exceed the root's, its control API answers to the root's token only, and its
   * requests may switch behaviours on only where the root's may. Refused, naming the option,
   * rather than silently clamped: the caller learns that the value was not applied.
   */
  #refuseLooserThanRoot(input: MockIdpConfigInput): void {
    const root = this.root.config
    refuseAbove(objectOrEmpty(input.limits), root.limits, 'limits')
    const token = objectOrEmpty(input.control).token
    if (token !== undefined && token !== root.control.token) {
      throw new IssuerError(
        "control.token differs from the root issuer's: an added issuer's control API answers to the root's token only (leave control.token out)",
      )
    }
    if (input.allowRequestBehaviours === true && !root.allowRequestBehaviours) {
      throw new IssuerError(
        'allowRequestBehaviours cannot be turned on for an added issuer when the root issuer does not allow request behaviours',
      )
    }
  }

  /** Stops serving `id` (on every instance, with a shared store); false when there was no such issuer. */
  async remove(id: string): Promise<boolean> {
    await this.catchUp()
    const found = await this.#removeHere(id)
    if (found) await this.root.shared?.deleteIssuer(id)
    return found
  }

  async #removeHere(id: string): Promise<boolean> {
    const found = this.#issuers.get(id)
    this.#issuers.delete(id)
    await found?.provider.store.close?.()
    return found !== undefined
  }

  /** Stops serving every added issuer in this process (shutdown), leaving a shared store's record alone. */
  async closeAll(): Promise<void> {
    for (const id of this.ids()) await this.#removeHere(id)
  }

  list(): Array<{ id: string; issuer: string }> {
    return [...this.#issuers.values()].map(({ id, issuer }) => ({ id, issuer }))
  }

  /** The issuer a request is for, by its first path segment (undefined: the root issuer). */
  match(url: string): PathIssuer | undefined {
    if (this.#issuers.size === 0) return undefined
    const segment = new URL(url).pathname.split('/')[1]
    return segment ? this.#issuers.get(segment) : undefined
  }

  #rootSegments(): Set<string> {
    const { paths, control } = this.root.config
    return new Set(['/.well-known', ...Object.values(paths), control.prefix].map((path) => path.split('/')[1] ?? ''))
  }
}
