/**
 * The behaviours in force for one request: those switched on for the whole mock (config
 * `behaviours`, `codeflow idp --behaviour`), for the client the request is about (a client's
 * `behaviours`), and for the request itself (the `codeflow-behaviour` header or the
 * `codeflow_behaviour` parameter). Behaviours named on an authorization request travel with the
 * flow it starts: its login and consent pages, its authorization response, its code and UserInfo
 * with the access token it gets.
 *
 * This is the only place that applies seams; endpoints see `enforces(rule)` and the `apply*`
 * functions, never a behaviour id.
 */

import type { OAuthError } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import type { IdGenerator } from '../ids.js'
import type {
  AuthorizationResponseContext,
  Behaviour,
  IdTokenContext,
  IdTokenDraft,
  MintedKind,
  ResponseFields,
  SeamContext,
} from './behaviour.js'
import type { BehaviourCatalog } from './load-catalog.js'
import type { Rule } from './rules.js'

/** The id generator purposes whose values are codes and tokens (ids.ts). */
const MINTED: Record<string, MintedKind> = {
  code: 'code',
  access_token: 'access_token',
  refresh_token: 'refresh_token',
}

export class ActiveBehaviours {
  readonly #active: Behaviour[] = []
  /** Where ids are looked up; a set that never adopts one needs none (load-catalog.ts). */
  #catalog: BehaviourCatalog | undefined

  constructor(catalog?: BehaviourCatalog, ids: Iterable<string> = []) {
    this.#catalog = catalog
    this.adopt(ids)
  }

  /** Gives this set the catalog its later `adopt` calls look ids up in. */
  withCatalog(catalog: BehaviourCatalog): this {
    this.#catalog ??= catalog
    return this
  }

  /** The ids in force, in the order they were switched on. */
  get ids(): string[] {
    return this.#active.map((behaviour) => behaviour.id)
  }

  get size(): number {
    return this.#active.length
  }

  /** Adds behaviours (unknown ids are ignored here: they were rejected where they were named). */
  adopt(ids: Iterable<string>): this {
    for (const id of ids) {
      if (this.#catalog === undefined) throw new Error(`behaviour "${id}" adopted before the catalog was loaded`)
      const behaviour = this.#catalog.get(id)
      if (behaviour && !this.#active.includes(behaviour)) this.#active.push(behaviour)
    }
    return this
  }

  /** A copy that can be extended for one request without changing this set. */
  fork(): ActiveBehaviours {
    return new ActiveBehaviours(this.#catalog, this.ids)
  }

  /** False when a `validation` behaviour in force waives `rule`. */
  enforces(rule: Rule): boolean {
    for (const behaviour of this.#active) if (behaviour.seam === 'validation' && behaviour.waives === rule) return false
    return true
  }

  refusal(context: SeamContext, params: URLSearchParams): OAuthError | undefined {
    for (const behaviour of this.#active) {
      if (behaviour.seam !== 'request' || !behaviour.endpoints.includes(context.endpoint)) continue
      const error = behaviour.apply(context, params)
      if (error) return error
    }
    return undefined
  }

  applyAuthorizationResponse(fields: ResponseFields, context: AuthorizationResponseContext): ResponseFields {
    let out = fields
    for (const behaviour of this.#active) {
      if (behaviour.seam === 'authorization-response')
        out = behaviour.apply(
          out.map((field) => [...field]),
          context,
        )
    }
    return out
  }

  applyIdToken(draft: IdTokenDraft, context: IdTokenContext): IdTokenDraft {
    let out = draft
    for (const behaviour of this.#active) {
      if (behaviour.seam === 'id-token') {
        out = behaviour.apply({ ...out, header: { ...out.header }, claims: { ...out.claims } }, context)
      }
    }
    return out
  }

  /** The subject identifier the client is given for `sub` (the ID token's and UserInfo's alike). */
  applySubject(sub: string): string {
    let out = sub
    for (const behaviour of this.#active) if (behaviour.seam === 'subject') out = behaviour.apply(out)
    return out
  }

  applyResponse(result: EndpointResult, context: SeamContext): EndpointResult {
    let out = result
    for (const behaviour of this.#active) {
      if (behaviour.seam === 'response' && behaviour.endpoints.includes(context.endpoint)) {
        out = behaviour.apply(out, context)
      }
    }
    return out
  }

  /** The id generator with the `mint` seam applied to codes and tokens. */
  mintingIds(ids: IdGenerator): IdGenerator {
    return {
      next: (purpose, bytes) => {
        let value = ids.next(purpose, bytes)
        const kind = MINTED[purpose]
        if (kind === undefined) return value
        for (const behaviour of this.#active) {
          if (behaviour.seam === 'mint' && behaviour.kind === kind) value = behaviour.apply(value)
        }
        return value
      },
    }
  }
}
