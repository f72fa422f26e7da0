/**
 * The mock IdP's configuration schema. JSON files, environment variables and
 * `createMockIdp(config)` are all validated by this one schema; `npm run schemas` exports it as
 * JSON Schema to `schemas/mock-idp-config.schema.json`. Each option's description is its
 * documentation (the reference in docs/configuration.md is generated from it).
 */
import { z } from 'zod'
import { absoluteUrl } from '../../core/absolute-url.js'
import { isLoopbackHost } from '../../core/loopback.js'
import { behaviourIds, clientSchema, userSchema } from './client-schema.js'
import { defaults } from './defaults.js'
import { isInsecureHttp } from './redirect-uri.js'

/**
 * One kind's store budget (mock-idp/store/store.ts). Both bounds apply: entries bound the count,
 * bytes bound what large parameters (up to limits.maxParameterLength each) can make one entry cost.
 */
function storeBudget(kind: keyof typeof defaults.limits.store, what: string) {
  const budget = defaults.limits.store[kind]
  return z
    .strictObject({
      maxEntries: z.number().int().positive().default(budget.maxEntries).describe(`Most entries kept at once: ${what}`),
      maxBytes: z
        .number()
        .int()
        .positive()
        .default(budget.maxBytes)
        .describe(
          `Most bytes of ${kind} kept at once (key plus the record's JSON size, approximately), so that large entries cannot hold more memory than this.`,
        ),
    })
    .prefault({})
}

const path = z.string().regex(/^\/[^?#\s]*$/, 'must be a path starting with "/" without query or fragment')

export const mockIdpConfigSchema = z
  .strictObject({
    issuer: absoluteUrl
      .optional()
      .describe(
        'The public issuer URL every party sees (OIDC Discovery §3). Default: http://{host}:{port}. Never guessed from the Host header.',
      ),
    host: z.string().default(defaults.host).describe('Interface the HTTP server listens on.'),
    port: z.number().int().min(0).max(65535).default(defaults.port).describe('Port; 0 picks a free one.'),
    trustForwardedHeaders: z
      .boolean()
      .default(defaults.trustForwardedHeaders)
      .describe('Derive the issuer from X-Forwarded-Proto/Host when "issuer" is not set (behind a trusted proxy).'),
    seed: z
      .string()
      .optional()
      .describe('Derive every generated value (codes, tokens, ids, fake users) from this seed: byte-stable runs.'),
    store: z
      .strictObject({
        url: z
          .string()
          .regex(/^rediss?:\/\/[^\s]*$/, 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0')
          .optional()
          .describe(
            'Keep sessions, codes, tokens, revocations, the signing keys and the control API\'s state in this Redis (redis://[:password@]host:port/db), shared by every instance that names it, so several instances can serve one issuer behind a load balancer (docs/several-instances.md). Needs "issuer" and the ioredis package. Default: in memory, this process only.',
          ),
      })
      .prefault({})
      .describe('Where the mock keeps its state: in memory (default) or in Redis.'),
    behaviours: behaviourIds
      .default([])
      .describe(
        'Deliberate deviations switched on for every request (see "Behaviours"); `codeflow idp --list-behaviours` lists them.',
      ),
    allowRequestBehaviours: z
      .boolean()
      .default(defaults.allowRequestBehaviours)
      .describe(
        'Let a request switch behaviours on for itself or its flow (the codeflow-behaviour header, the codeflow_behaviour parameter); `codeflow idp --allow-request-behaviours`. Off (the default for `codeflow idp` and config files): such a request gets invalid_request. createMockIdp, its fixtures and the msw handlers turn it on.',
      ),
    paths: z
      .strictObject({
        authorization: path.default(defaults.paths.authorization).describe('Authorization endpoint (RFC 6749 §3.1).'),
        token: path.default(defaults.paths.token).describe('Token endpoint (RFC 6749 §3.2).'),
        userinfo: path.default(defaults.paths.userinfo).describe('UserInfo endpoint (OIDC Core §5.3).'),
        jwks: path.default(defaults.paths.jwks).describe('JWK Set (RFC 7517).'),
        revocation: path.default(defaults.paths.revocation).describe('Token revocation (RFC 7009).'),
        introspection: path.default(defaults.paths.introspection).describe('Token introspection (RFC 7662).'),
        endSession: path.default(defaults.paths.endSession).describe('RP-initiated logout.'),
        login: path.default(defaults.paths.login).describe('Login page (form target).'),
        consent: path.default(defaults.paths.consent).describe('Consent page (form target).'),
      })
      .prefault({})
      .describe('Endpoint paths; discovery always advertises them.'),
    allowInsecureRedirectUris: z
      .boolean()
      .default(defaults.allowInsecureRedirectUris)
      .describe(
        'Accept http redirect URIs (and post-logout redirect URIs) on hosts other than loopback, e.g. for staging on a private network. Off: clients may register https, http on a loopback address (RFC 8252 §7.3) and private-use schemes (RFC 8252 §7.1) only.',
      ),
    clients: z
      .array(clientSchema)
      .default(() => structuredClone(defaults.clients))
      .describe('Registered clients.'),
    users: z
      .array(userSchema)
      .default(() => structuredClone(defaults.users))
      .describe('Users who can log in.'),
    fakeUsers: z
      .strictObject({
        count: z.number().int().min(0).max(10000).default(defaults.fakeUsers.count).describe('How many to generate.'),
        seed: z.string().default(defaults.fakeUsers.seed).describe('Faker seed: the same seed gives the same users.'),
        passwordPrefix: z
          .string()
          .default(defaults.fakeUsers.passwordPrefix)
          .describe("A generated user's password is this prefix followed by the username."),
      })
      .prefault({})
      .describe('Extra users generated with seeded faker, added after "users".'),
    scopes: z
      .record(
        z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'must be a valid scope-token (RFC 6749 §3.3)'),
        z.array(z.string()),
      )
      .default(() => structuredClone(defaults.scopes))
      .describe('Supported scopes and the claims each releases (OIDC Core §5.4).'),
    tokens: z
      .strictObject({
        codeTtl: z
          .number()
          .int()
          .positive()
          .max(600)
          .default(defaults.tokens.codeTtl)
          .describe(
            'Authorization code lifetime in seconds (RFC 6749 §4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED").',
          ),
        accessTokenTtl: z
          .number()
          .int()
          .positive()
          .default(defaults.tokens.accessTokenTtl)
          .describe('Access token lifetime (expires_in).'),
        accessTokenFormat: z
          .enum(['opaque', 'jwt'])
          .default(defaults.tokens.accessTokenFormat)
          .describe('Opaque random strings, or JWTs per RFC 9068.'),
        idTokenTtl: z
          .number()
          .int()
          .positive()
          .default(defaults.tokens.idTokenTtl)
          .describe('ID token lifetime in seconds.'),
        refreshTokenTtl: z
          .number()
          .int()
          .positive()
          .default(defaults.tokens.refreshTokenTtl)
          .describe('Refresh token lifetime in seconds.'),
        rotateRefreshTokens: z
          .boolean()
          .default(defaults.tokens.rotateRefreshTokens)
          .describe(
            'Issue a new refresh token on every use; reuse of a rotated one revokes the family (OAuth 2.0 Security BCP §4.14.2).',
          ),
      })
      .prefault({})
      .describe('Token lifetimes and formats.'),
    keys: z
      .strictObject({
        source: z
          .enum(['development', 'generate', 'files'])
          .default(defaults.keys.source)
          .describe(
            '"development": the committed keys in fixtures/keys (stable across restarts); "generate": new keys at start; "files": JWK files.',
          ),
        algorithms: z
          .array(z.enum(['RS256', 'ES256', 'PS256', 'EdDSA']))
          .min(1)
          .default([...defaults.keys.algorithms])
          .describe(
            'ID token signing algorithms; the first is the default (OIDC Core §3.1.3.7: RS256 is the default).',
          ),
        files: z.array(z.string()).default([]).describe('Private JWK or JWK Set files when source is "files".'),
      })
      .prefault({})
      .describe('Signing keys.'),
    pkce: z
      .strictObject({
        requireFor: z
          .enum(['public', 'all', 'none'])
          .default(defaults.pkce.requireFor)
          .describe('Which clients must use PKCE (RFC 7636); public clients always must.'),
        allowPlain: z
          .boolean()
          .default(defaults.pkce.allowPlain)
          .describe('Accept code_challenge_method=plain (RFC 7636 §4.2).'),
      })
      .prefault({})
      .describe('Proof Key for Code Exchange.'),
    session: z
      .strictObject({
        ttl: z.number().int().positive().default(defaults.session.ttl).describe('Login session lifetime in seconds.'),
      })
      .prefault({})
      .describe('The login session (cookie) at the IdP.'),
    interactionTtl: z
      .number()
      .int()
      .positive()
      .default(defaults.interactionTtl)
      .describe('How long a login or consent page stays valid, in seconds.'),
    headless: z
      .strictObject({
        loginHint: z
          .boolean()
          .default(defaults.headless.loginHint)
          .describe('Log in the user named by login_hint without showing the login page (for tests).'),
      })
      .prefault({})
      .describe('Flows without pages.'),
    responseModes: z
      .array(z.enum(['query', 'fragment', 'form_post']))
      .min(1)
      .default([...defaults.responseModes])
      .describe('Supported response_mode values (OAuth 2.0 Multiple Response Types, Form Post Response Mode).'),
    errata: z
      .strictObject({
        acceptJsonContentType: z
          .boolean()
          .default(defaults.errata.acceptJsonContentType)
          .describe(
            "Accept a form-encoded token request body labelled application/json (the integration guide's erratum). Off: such a request gets invalid_request.",
          ),
      })
      .prefault({})
      .describe("Deliberate leniency for the source document's errata."),
    limits: z
      .strictObject({
        maxBodyBytes: z
          .number()
          .int()
          .positive()
          .default(defaults.limits.maxBodyBytes)
          .describe('Largest request body accepted.'),
        maxParameterLength: z
          .number()
          .int()
          .positive()
          .default(defaults.limits.maxParameterLength)
          .describe('Longest single parameter value accepted.'),
        store: z
          .strictObject({
            interactions: storeBudget(
              'interactions',
              'login and consent pages in progress, the only kind an unauthenticated request creates. Full: a new authorization request gets temporarily_unavailable (redirected to the client); pages in progress carry on.',
            ),
            sessions: storeBudget(
              'sessions',
              'login sessions. Full: the least recently written sessions end (their users see the login page again).',
            ),
            codes: storeBudget(
              'codes',
              'authorization codes not yet redeemed. Full: the authorization response is temporarily_unavailable; codes already issued stay redeemable.',
            ),
            tokens: storeBudget(
              'tokens',
              'access and refresh tokens and the markers of redeemed codes, rotated refresh tokens and revoked grants. Full: the oldest are evicted (their holders get invalid_token or invalid_grant and sign in again).',
            ),
          })
          .prefault({})
          .describe(
            'Budgets of the in-memory store, per kind, so that one kind of traffic never evicts another (docs/mock-store.md).',
          ),
        maxRecordedExchanges: z
          .number()
          .int()
          .min(0)
          .default(defaults.limits.maxRecordedExchanges)
          .describe('How many recent requests requests() keeps (oldest dropped first); 0 records nothing.'),
        maxRecordedBytes: z
          .number()
          .int()
          .min(0)
          .default(defaults.limits.maxRecordedBytes)
          .describe(
            'Most bytes of recorded requests requests() keeps (URL, headers, body and JSON response, approximately; oldest dropped first), so that large requests cannot hold more memory than this.',
          ),
        maxIssuers: z
          .number()
          .int()
          .min(0)
          .default(defaults.limits.maxIssuers)
          .describe(
            'Most issuers added by path (addIssuer, the control API) at once; each has its own store with the budgets of limits.store.',
          ),
        maxControlBodyBytes: z
          .number()
          .int()
          .positive()
          .default(defaults.limits.maxControlBodyBytes)
          .describe(
            'Largest control API request body (refused with 413 by its Content-Length before it is read, or as soon as a chunked body passes it).',
          ),
        maxConnections: z
          .number()
          .int()
          .positive()
          .default(defaults.limits.maxConnections)
          .describe('Most connections open at once; a socket accepted beyond it is closed at once.'),
        headersTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(defaults.limits.headersTimeoutMs)
          .describe('Milliseconds a client has to send the request line and headers (then 408 and closed).'),
        requestTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(defaults.limits.requestTimeoutMs)
          .describe('Milliseconds a client has to send a whole request, body included (then 408 and closed).'),
        keepAliveTimeoutMs: z
          .number()
          .int()
          .positive()
          .default(defaults.limits.keepAliveTimeoutMs)
          .describe('Milliseconds an idle keep-alive connection stays open before the server closes it.'),
        shutdownTimeoutMs: z
          .number()
          .int()
          .min(0)
          .default(defaults.limits.shutdownTimeoutMs)
          .describe(
            'On close() or SIGTERM/SIGINT: milliseconds in-flight requests have to finish (pending delayMs overrides answer at once) before their connections are cut.',
          ),
      })
      // Node refuses a headers timeout longer than the request timeout (the headers are part of it).
      .refine((limits) => limits.headersTimeoutMs <= limits.requestTimeoutMs, {
        message: 'must not be longer than limits.requestTimeoutMs',
        path: ['headersTimeoutMs'],
      })
      .prefault({})
      .describe('Input, memory, connection and time bounds.'),
    cors: z
      .strictObject({
        origins: z
          .array(
            z.string().refine((value) => value === '*' || /^https?:\/\/[^/?#\s]+$/.test(value), {
              message: 'must be "*" or an origin: scheme://host[:port], without a path or trailing slash',
            }),
          )
          .default(defaults.cors.origins)
          .describe(
            'Origins allowed to call discovery, the JWK Set, token, UserInfo, revocation and introspection from a browser (single-page apps); "*" for any. Empty: no CORS.',
          ),
      })
      .prefault({})
      .describe('CORS for browser-based clients.'),
    control: z
      .strictObject({
        enabled: z
          .boolean()
          .default(defaults.control.enabled)
          .describe('Serve the HTTP control API (use, reset, requests, clock) under "prefix". Off by default.'),
        prefix: path.default(defaults.control.prefix).describe('Path prefix of the control API.'),
        token: z
          .string()
          .min(16)
          .optional()
          .describe(
            'Bearer token the control API requires (at least 16 characters); required when "host" is not a loopback address.',
          ),
      })
      .prefault({})
      .describe('The HTTP control API, for tests not written in JavaScript (schemas/control-api.openapi.json).'),
    log: z
      .strictObject({
        level: z
          .enum(['silent', 'error', 'warn', 'info', 'debug'])
          .default(defaults.log.level)
          .describe('Log verbosity.'),
      })
      .prefault({})
      .describe('Logging (secrets are always redacted).'),
    pages: z
      .strictObject({
        loginSteps: z
          .enum(['one', 'two'])
          .default(defaults.pages.loginSteps)
          .describe(
            '"one": username and password on one page; "two": a username page, then a password page (two POSTs in one interaction), like identifier-first logins.',
          ),
        deny: z
          .enum(['button', 'form', 'link'])
          .default(defaults.pages.deny)
          .describe(
            'The consent page\'s deny control: a button in the consent form; a button in its own `<form id="deny-form">` with its own CSRF token; or an `<a>` link (GET carrying a one-time, per-interaction token).',
          ),
        interstitial: z
          .enum(['none', 'auto-submit', 'meta-refresh', 'continue'])
          .default(defaults.pages.interstitial)
          .describe(
            'A page between login and consent: none; a form submitted by a script (with a `<noscript>` button); a `<meta http-equiv="refresh">`; or a page with a "Continue" button.',
          ),
        sameUrl: z
          .boolean()
          .default(defaults.pages.sameUrl)
          .describe(
            'Serve login and consent at the authorization URL itself: the forms post back to it (same query string), and the consent form replaces the login form after the POST.',
          ),
        scripts: z
          .enum(['none', 'defer-form', 'slow-assets'])
          .default(defaults.pages.scripts)
          .describe(
            '"defer-form": a script (allowed by a per-response CSP nonce) inserts the login form after the "load" event; "slow-assets": the pages load a stylesheet, a script and an image served after pages.assetDelayMs.',
          ),
        loginApp: z
          .enum(['html', 'json-api'])
          .default(defaults.pages.loginApp)
          .describe(
            '"json-api": the login page is a small JavaScript app that posts JSON {interaction, username, password} to {login}/api and follows the {redirect} it answers (401 {error} for wrong credentials).',
          ),
        errorPageStatus: z
          .literal([400, 403])
          .default(defaults.pages.errorPageStatus)
          .describe(
            'HTTP status of the error page for an unknown client or an unregistered redirect_uri (RFC 6749 §4.1.2.1: never a redirect).',
          ),
        rememberConsent: z
          .boolean()
          .default(defaults.pages.rememberConsent)
          .describe(
            'Remember consent per client and scope in the login session (OIDC Core §3.1.2.4), so the next authorization skips the consent page; false asks every time.',
          ),
        wrongPassword: z
          .enum(['status', 'same-page'])
          .default(defaults.pages.wrongPassword)
          .describe(
            'How a wrong password is answered: "same-page": 200 with the login page and an error message; "status": the same page with status 400.',
          ),
        assetDelayMs: z
          .number()
          .int()
          .min(0)
          .max(30000)
          .default(defaults.pages.assetDelayMs)
          .describe('How long the "slow-assets" stylesheet, script and image take to answer, in milliseconds.'),
      })
      .prefault({})
      .describe(
        'Shapes of the login and consent pages real providers have, to prove login drivers (docs/page-variants.md). Defaults: the plain pages.',
      ),
    server: z
      .strictObject({
        overlap: z
          .enum(['serve', 'fail'])
          .default(defaults.server.overlap)
          .describe(
            '"fail": answer 500 "database is locked" to any request that arrives while another is in flight, like a SQLite-backed single-threaded development server; a request arriving alone is served.',
          ),
      })
      .prefault({})
      .describe('How the server copes with concurrent requests.'),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>()
    config.clients.forEach((client, index) => {
      if (seen.has(client.client_id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['clients', index, 'client_id'],
          message: `duplicate client_id "${client.client_id}"`,
        })
      }
      seen.add(client.client_id)
      if (!config.allowInsecureRedirectUris) {
        for (const field of ['redirect_uris', 'post_logout_redirect_uris'] as const) {
          client[field].forEach((uri, uriIndex) => {
            if (!isInsecureHttp(uri)) return
            ctx.addIssue({
              code: 'custom',
              path: ['clients', index, field, uriIndex],
              message: `"${uri}" is http on a host that is not a loopback address: a code sent there travels in clear text (RFC 9700 §2.6); use https, or set allowInsecureRedirectUris for a private staging network`,
            })
          })
        }
      }
      for (const scope of (client.scope ?? '').split(' ').filter(Boolean)) {
        if (!(scope in config.scopes)) {
          ctx.addIssue({
            code: 'custom',
            path: ['clients', index, 'scope'],
            message: `scope "${scope}" is not defined in "scopes"`,
          })
        }
      }
    })
    const usernames = new Set<string>()
    config.users.forEach((user, index) => {
      if (usernames.has(user.username)) {
        ctx.addIssue({
          code: 'custom',
          path: ['users', index, 'username'],
          message: `duplicate username "${user.username}"`,
        })
      }
      usernames.add(user.username)
    })
    // A control API reachable from other machines lets anyone reset the mock or read what it
    // recorded: beyond loopback it needs a token.
    if (config.control.enabled && config.control.token === undefined && !isLoopbackHost(config.host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['control', 'token'],
        message: `the control API is enabled and host "${config.host}" is not a loopback address: set a token`,
      })
    }
    // Instances behind a balancer must agree on the issuer (OIDC Core §2 "iss"), and the store's
    // entries are kept per issuer: each instance's own http://{host}:{port} would share nothing.
    if (config.store.url !== undefined && config.issuer === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['issuer'],
        message: 'store.url is set: set "issuer" to the public URL every instance serves (the load balancer\'s)',
      })
    }
    // Seeded ids are derived from a per-process counter: every instance would mint the same codes.
    if (config.store.url !== undefined && config.seed !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['seed'],
        message:
          'seed cannot be combined with store.url: every instance would derive the same codes and tokens from it',
      })
    }
    if (config.keys.source === 'files' && config.keys.files.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['keys', 'files'],
        message: 'keys.source is "files" but no files are listed',
      })
    }
  })

export type MockIdpConfigInput = z.input<typeof mockIdpConfigSchema>
export type MockIdpConfig = z.output<typeof mockIdpConfigSchema>

export { type ClientConfig, clientSchema, type UserConfig, userSchema } from './client-schema.js'
