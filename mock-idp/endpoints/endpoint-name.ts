/**
 * The names of the mock's endpoints: one per route of the route table (http/routes.ts). Behaviours
 * name the endpoints they apply at, overrides the endpoint they wait for, recorded requests the
 * endpoint that answered them.
 */
export const ENDPOINT_NAMES = [
  'discovery',
  'metadata',
  'jwks',
  'authorization',
  'login',
  'loginApi',
  'consent',
  'token',
  'userinfo',
  'revocation',
  'introspection',
  'endSession',
] as const

export type EndpointName = (typeof ENDPOINT_NAMES)[number]
