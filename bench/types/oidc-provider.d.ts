/**
 * The slice of oidc-provider v9 (which ships no types) that the bench harness uses. Only what
 * bench/oidc-provider-server.ts calls is declared; everything else stays out of reach on purpose.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  /** The part of a Koa context the interaction routes touch. */
  export interface KoaContext {
    req: IncomingMessage
    res: ServerResponse
    method: string
    path: string
    status: number
    type: string
    body: unknown
    set(field: string, value: string): void
  }

  export type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>

  export interface Account {
    accountId: string
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>
  }

  export interface InteractionDetails {
    uid: string
    prompt: { name: string; details: Record<string, unknown> & { missingOIDCScope?: string[] } }
    params: Record<string, unknown> & { client_id: string }
    session?: { accountId?: string }
    grantId?: string
  }

  export interface Grant {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(indicator: string, scope: string): void
    save(): Promise<string>
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant
    find(id: string): Promise<Grant | undefined>
  }

  export type Configuration = Record<string, unknown>

  export class Provider {
    constructor(issuer: string, configuration: Configuration)
    readonly issuer: string
    readonly Grant: GrantConstructor
    proxy: boolean
    use(middleware: Middleware): this
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    on(event: string, listener: (...args: unknown[]) => void): this
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
  }

  export const errors: {
    SessionNotFound: new (...args: unknown[]) => Error & { status: number; error_description?: string }
  }

  export default Provider
}
