/**
 * Every option of the mock IdP and its default value, in one place (docs/configuration.md's
 * config reference is generated from it and schema.ts).
 *
 * The schema (`schema.ts`) documents each option and validates it; this file says what you get
 * when you say nothing. The defaults answer the vendor integration guide's samples out of the box
 * (fixtures/seed-samples.ts) and are strict like a certified provider.
 */
import type { ClientConfig, UserConfig } from './client-schema.js'

/** The RFC 6749 §4.1 example client, used by the integration guide's samples. */
export const sampleClient: ClientConfig = {
  client_id: 's6BhdRkqt3',
  client_secret: 'gX1fBat3bV',
  client_name: 'Integration guide sample client',
  token_endpoint_auth_method: 'client_secret_basic',
  // The guide writes its redirect_uri with a stray trailing "?" (erratum). Both spellings are
  // registered so the samples work as written, and matching stays exact (RFC 6749 §3.1.2.3):
  // a code issued for one spelling cannot be redeemed with the other.
  redirect_uris: ['https://client.example.org/cb', 'https://client.example.org/cb?'],
  post_logout_redirect_uris: ['https://client.example.org/logged-out'],
  grant_types: ['authorization_code', 'refresh_token'],
  scope: 'openid profile email address phone offline_access user_profile additional_info',
  require_pkce: false,
  skip_consent: false,
  behaviours: [],
}

/** Local development clients: one per client authentication method (RFC 6749 §2.3, OIDC Core §9). */
export const devClients: ClientConfig[] = [
  {
    client_id: 'codeflow-basic',
    client_secret: 'codeflow-basic-secret',
    client_name: 'Local confidential client (client_secret_basic)',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [
      'http://localhost:3000/callback',
      'http://localhost:3000/callback2',
      'http://127.0.0.1:3000/callback',
    ],
    post_logout_redirect_uris: ['http://localhost:3000/'],
    grant_types: ['authorization_code', 'refresh_token'],
    scope: 'openid profile email address phone offline_access user_profile additional_info',
    require_pkce: false,
    skip_consent: false,
    behaviours: [],
  },
  {
    client_id: 'codeflow-post',
    client_secret: 'codeflow-post-secret',
    client_name: 'Local confidential client (client_secret_post)',
    token_endpoint_auth_method: 'client_secret_post',
    redirect_uris: ['http://localhost:3000/callback', 'http://127.0.0.1:3000/callback'],
    post_logout_redirect_uris: ['http://localhost:3000/'],
    grant_types: ['authorization_code', 'refresh_token'],
    scope: 'openid profile email address phone offline_access',
    require_pkce: false,
    skip_consent: false,
    behaviours: [],
  },
  {
    client_id: 'codeflow-public',
    client_name: 'Local public client (PKCE, no secret)',
    token_endpoint_auth_method: 'none',
    redirect_uris: ['http://localhost:3000/callback', 'http://127.0.0.1:3000/callback'],
    post_logout_redirect_uris: ['http://localhost:3000/'],
    grant_types: ['authorization_code', 'refresh_token'],
    scope: 'openid profile email offline_access',
    require_pkce: true,
    skip_consent: false,
    behaviours: [],
  },
  {
    // Two things servers and clients get wrong, on purpose: a registered redirect URI with a query
    // of its own (RFC 6749 §3.1.2: it "MUST be retained when adding additional query parameters")
    // and a secret that changes under form-urlencoding before HTTP Basic (RFC 6749 §2.3.1).
    client_id: 'codeflow-tenant',
    client_secret: 'tenant secret:+/%=&-0123456789',
    client_name: 'Local confidential client (query in its redirect URI, reserved characters in its secret)',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: ['http://localhost:3000/callback?tenant=acme'],
    post_logout_redirect_uris: ['http://localhost:3000/'],
    grant_types: ['authorization_code', 'refresh_token'],
    scope: 'openid profile email offline_access',
    require_pkce: false,
    skip_consent: false,
    behaviours: [],
  },
]

/** Two users with the standard claims of OIDC Core §5.1 (values in the style of Appendix A). */
export const defaultUsers: UserConfig[] = [
  {
    username: 'alice',
    password: 'wonderland',
    sub: '248289761001',
    claims: {
      name: 'Alice Liddell',
      given_name: 'Alice',
      family_name: 'Liddell',
      preferred_username: 'alice',
      email: 'alice@example.com',
      email_verified: true,
      locale: 'en-GB',
      zoneinfo: 'Europe/London',
      picture: 'https://example.com/alice/me.jpg',
      birthdate: '1852-05-04',
      phone_number: '+44 20 7946 0001',
      phone_number_verified: false,
      address: {
        street_address: '1 Rabbit Hole',
        locality: 'Oxford',
        postal_code: 'OX1 1DP',
        country: 'GB',
      },
      updated_at: 1700000000,
      department: 'Research',
      job_title: 'Explorer',
    },
  },
  {
    username: 'bob',
    password: 'builder',
    sub: '248289761002',
    claims: {
      name: 'Bob Builder',
      given_name: 'Bob',
      family_name: 'Builder',
      preferred_username: 'bob',
      email: 'bob@example.org',
      email_verified: false,
      locale: 'en-US',
      zoneinfo: 'America/New_York',
      phone_number: '+1 202 555 0102',
      phone_number_verified: true,
      updated_at: 1700000000,
      department: 'Construction',
      job_title: 'Builder',
    },
  },
]

/**
 * Claims released per scope (OIDC Core §5.4), plus the source document's two custom scopes.
 * `openid` releases only `sub`; `offline_access` releases no claims (OIDC Core §11).
 */
export const defaultScopes: Record<string, string[]> = {
  openid: ['sub'],
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
  ],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
  offline_access: [],
  /** The guide's `user_profile` scope: who the user is inside the partner's organisation. */
  user_profile: ['preferred_username', 'department', 'job_title', 'locale', 'zoneinfo'],
  /** The guide's `additional_info` scope: contact and personal details beyond `profile`. */
  additional_info: ['phone_number', 'phone_number_verified', 'address', 'birthdate'],
}

const MiB = 1024 * 1024

/**
 * The store's budget per kind of record (`limits.store`; what each kind holds and what a full
 * budget does: mock-idp/store/store.ts, docs/mock-store.md). A full flow holds about 1.2 KB of
 * interaction and code while it runs and leaves a session (360 bytes) and about 1.2 KB of tokens
 * behind (three entries with a refresh token), which live for hours or days. Sessions and tokens
 * are therefore bounded by what a mock needs — the state of the last 5,000 flows — rather than by
 * their lifetimes: under sustained load that state is most of the heap, and V8 lets the heap grow
 * to a few times what is live, so these budgets set the mock's memory (docs/performance.md). The
 * most one issuer's store can take is 44 MiB (the sum of the byte budgets).
 */
export const defaultStoreBudgets = {
  /** Login and consent pages in progress; the only kind an unauthenticated request creates. */
  interactions: { maxEntries: 10_000, maxBytes: 16 * MiB },
  /** Login sessions (cookie `codeflow_session`), created only by a successful login. */
  sessions: { maxEntries: 5_000, maxBytes: 4 * MiB },
  /** Authorization codes issued and not yet redeemed (they live `tokens.codeTtl`). */
  codes: { maxEntries: 10_000, maxBytes: 16 * MiB },
  /** Access and refresh tokens, and the markers of redeemed codes, rotated refresh tokens and revoked grants. */
  tokens: { maxEntries: 15_000, maxBytes: 8 * MiB },
}

export const defaults = {
  issuer: undefined as string | undefined,
  host: '127.0.0.1',
  port: 8080,
  trustForwardedHeaders: false,
  seed: undefined as string | undefined,
  /** In memory unless `url` names a Redis (docs/several-instances.md). */
  store: {} as { url?: string },
  /**
   * Whether a request may switch deviations on for itself or for the flow it starts (the
   * `codeflow-behaviour` header, the `codeflow_behaviour` parameter). Off: anyone who can reach a
   * shared mock could otherwise send a signed-in user's code to an unregistered redirect URI with
   * one link. The test tooling (`createMockIdp`, its fixtures, the msw handlers, `codeflow run`
   * against the embedded mock) turns it on for itself; `codeflow idp --allow-request-behaviours`.
   */
  allowRequestBehaviours: false,
  /**
   * Whether clients may register http redirect URIs on hosts other than loopback (a staging
   * network without TLS). Off: https, http on a loopback address and private-use schemes only.
   */
  allowInsecureRedirectUris: false,
  paths: {
    authorization: '/oauth/authorize',
    token: '/auth/token',
    userinfo: '/userinfo',
    jwks: '/.well-known/jwks.json',
    revocation: '/oauth/revoke',
    introspection: '/oauth/introspect',
    endSession: '/oauth/logout',
    login: '/login',
    consent: '/consent',
  },
  clients: [sampleClient, ...devClients],
  users: defaultUsers,
  fakeUsers: { count: 0, seed: 'codeflow', passwordPrefix: 'password-' },
  scopes: defaultScopes,
  tokens: {
    codeTtl: 60,
    accessTokenTtl: 599,
    accessTokenFormat: 'opaque' as 'opaque' | 'jwt',
    idTokenTtl: 3600,
    refreshTokenTtl: 1209600,
    rotateRefreshTokens: true,
  },
  keys: {
    source: 'development' as 'development' | 'generate' | 'files',
    algorithms: ['RS256'] as Array<'RS256' | 'ES256' | 'PS256' | 'EdDSA'>,
    files: [] as string[],
  },
  pkce: { requireFor: 'public' as 'public' | 'all' | 'none', allowPlain: false },
  session: { ttl: 28800 },
  interactionTtl: 600,
  headless: { loginHint: false },
  responseModes: ['query', 'fragment', 'form_post'] as Array<'query' | 'fragment' | 'form_post'>,
  errata: { acceptJsonContentType: false },
  control: { enabled: false, prefix: '/_codeflow' },
  cors: { origins: [] as string[] },
  limits: {
    maxBodyBytes: 16384,
    maxParameterLength: 4096,
    store: defaultStoreBudgets,
    maxRecordedExchanges: 500,
    maxRecordedBytes: 8 * MiB,
    maxIssuers: 100,
    /** Largest control API body (an issuer's config with its users and clients fits): 1 MiB. */
    maxControlBodyBytes: 1_048_576,
    /** Open connections at once; beyond, a new socket is closed as soon as it is accepted. */
    maxConnections: 1024,
    /** Time a client has to send the request line and headers (node's `headersTimeout`): 10 s. */
    headersTimeoutMs: 10_000,
    /** Time a client has to send the whole request, body included (node's `requestTimeout`): 30 s. */
    requestTimeoutMs: 30_000,
    /** How long an idle keep-alive connection stays open (node's `keepAliveTimeout`): 5 s. */
    keepAliveTimeoutMs: 5_000,
    /** On close or SIGTERM: how long in-flight requests may take to finish before their sockets are cut: 5 s. */
    shutdownTimeoutMs: 5_000,
  },
  log: { level: 'info' as 'silent' | 'error' | 'warn' | 'info' | 'debug' },
  pages: {
    loginSteps: 'one' as 'one' | 'two',
    deny: 'button' as 'button' | 'form' | 'link',
    interstitial: 'none' as 'none' | 'auto-submit' | 'meta-refresh' | 'continue',
    sameUrl: false,
    scripts: 'none' as 'none' | 'defer-form' | 'slow-assets',
    loginApp: 'html' as 'html' | 'json-api',
    errorPageStatus: 400 as 400 | 403,
    rememberConsent: true,
    wrongPassword: 'same-page' as 'status' | 'same-page',
    assetDelayMs: 1500,
  },
  server: { overlap: 'serve' as 'serve' | 'fail' },
}
