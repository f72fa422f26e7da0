/** Discovery & metadata checks (OIDC Discovery §3, §4; RFC 8414 §2, §3; the JWK Set, RFC 7517). */

import type { CheckArea } from '../../harness/check-area.js'
import authMethodsAdvertised from './checks/auth-methods-advertised.js'
import authzEndpointNoFragment from './checks/authz-endpoint-no-fragment.js'
import endpointsHttps from './checks/endpoints-https.js'
import fetch200Json from './checks/fetch-200-json.js'
import grantTypes from './checks/grant-types.js'
import idTokenRs256 from './checks/id-token-rs256.js'
import issuerExact from './checks/issuer-exact.js'
import issuerSyntax from './checks/issuer-syntax.js'
import jwksValid from './checks/jwks-valid.js'
import metadataVsBehaviour from './checks/metadata-vs-behaviour.js'
import optionalMembers from './checks/optional-members.js'
import pkceMethods from './checks/pkce-methods.js'
import requiredMembers from './checks/required-members.js'
import responseTypesCode from './checks/response-types-code.js'
import revocationIntrospectionAdvertised from './checks/revocation-introspection-advertised.js'
import rfc8414WellKnown from './checks/rfc8414-well-known.js'
import scopesOpenid from './checks/scopes-openid.js'
import unknownMembers from './checks/unknown-members.js'
import { discoveryJwksKeysGatherer } from './gather/discovery-jwks-keys.js'
import { discoveryNonAdvertisedGatherer } from './gather/discovery-non-advertised.js'
import { discoveryUnprovable } from './unprovable.js'

export const discoveryArea: CheckArea = {
  name: 'discovery',
  checks: [
    fetch200Json,
    issuerExact,
    issuerSyntax,
    requiredMembers,
    responseTypesCode,
    idTokenRs256,
    scopesOpenid,
    endpointsHttps,
    authzEndpointNoFragment,
    jwksValid,
    authMethodsAdvertised,
    grantTypes,
    pkceMethods,
    optionalMembers,
    unknownMembers,
    rfc8414WellKnown,
    metadataVsBehaviour,
    revocationIntrospectionAdvertised,
  ],
  // The prompt=none error redirect that disc.metadata-vs-behaviour reuses is registered by the iss area.
  gatherers: [discoveryJwksKeysGatherer, discoveryNonAdvertisedGatherer],
  notApplicable: [
    {
      id: 'disc.key-rotation',
      reason:
        "needs a key rotation the suite cannot trigger: no standard API rotates an OP's signing keys, and waiting for a scheduled rotation is unbounded (OIDF runs it with a manual trigger)",
    },
  ],
  unprovable: discoveryUnprovable,
}
