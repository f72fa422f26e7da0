/**
 * The schema of one client and one user of the mock IdP's configuration (schema.ts holds the
 * rest). Apart so that defaults.ts can type its sample clients and users without importing the
 * schema that reads its defaults.
 */
import { z } from 'zod'
import { absoluteUrl } from '../../core/absolute-url.js'
import { redirectUriSchemeProblem } from './redirect-uri.js'

/**
 * Behaviour ids (mock-idp/behaviours/catalog/). The schema checks their shape only: the ids are
 * checked against the catalog after parsing (behaviour-ids.ts), so that a config naming no
 * behaviour never loads the catalog.
 */
export const behaviourIds = z.array(z.string())

// RFC 6749 §3.1.2: "The redirection endpoint URI MUST be an absolute URI … MUST NOT include a
// fragment component."
const redirectUri = absoluteUrl
  .refine((value) => !value.includes('#'), {
    message: 'must not contain a fragment (RFC 6749 §3.1.2)',
  })
  .superRefine((value, ctx) => {
    const problem = redirectUriSchemeProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

export const clientSchema = z
  .strictObject({
    client_id: z.string().min(1).describe('The client identifier (RFC 6749 §2.2).'),
    client_secret: z
      .string()
      .min(1)
      .optional()
      .describe('The client secret; required unless token_endpoint_auth_method is "none".'),
    client_name: z.string().optional().describe('Shown on the consent page.'),
    token_endpoint_auth_method: z
      .enum(['client_secret_basic', 'client_secret_post', 'none'])
      .default('client_secret_basic')
      .describe('How the client authenticates at the token endpoint (OIDC Core §9).'),
    redirect_uris: z
      .array(redirectUri)
      .min(1)
      .describe('Registered redirection URIs, compared by exact string match (RFC 6749 §3.1.2.3).'),
    post_logout_redirect_uris: z
      .array(redirectUri)
      .default([])
      .describe('Where RP-initiated logout may send the user back to (OIDC RP-Initiated Logout §3).'),
    grant_types: z
      .array(z.enum(['authorization_code', 'refresh_token']))
      .default(['authorization_code', 'refresh_token'])
      .describe('Grants the client may use; refresh tokens are issued only with "refresh_token".'),
    scope: z
      .string()
      .optional()
      .describe('Space-separated scopes the client may request; default: every configured scope.'),
    require_pkce: z
      .boolean()
      .optional()
      .describe('Require PKCE for this client; default follows pkce.requireFor (public clients always).'),
    skip_consent: z.boolean().default(false).describe('Skip the consent page for this client (first-party client).'),
    behaviours: behaviourIds
      .default([])
      .describe('Deliberate deviations for this client only (see "Behaviours"); e.g. ["id-token-nonce-omitted"].'),
  })
  .refine((c) => c.token_endpoint_auth_method === 'none' || c.client_secret !== undefined, {
    message: 'client_secret is required unless token_endpoint_auth_method is "none"',
    path: ['client_secret'],
  })
  .refine((c) => c.token_endpoint_auth_method !== 'none' || c.client_secret === undefined, {
    message: 'a public client (token_endpoint_auth_method "none") must not have a client_secret',
    path: ['client_secret'],
  })

export const userSchema = z.strictObject({
  username: z.string().min(1).describe('The login name typed on the login page; also matched by login_hint.'),
  password: z.string().min(1).describe('The password typed on the login page.'),
  sub: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('Subject identifier (OIDC Core §2: at most 255 ASCII characters); default: derived from username.'),
  claims: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Claims released by scope (OIDC Core §5.1), plus any custom claims.'),
})

export type ClientConfig = z.output<typeof clientSchema>
export type UserConfig = z.output<typeof userSchema>
