/** Discovery & metadata checks (catalog §4.1). */

import { discoveryJwksKeysGatherer } from '../../gatherers/discovery-jwks-keys.js'
import { discoveryNonAdvertisedGatherer } from '../../gatherers/discovery-non-advertised.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import authMethodsAdvertised from './auth-methods-advertised.js'
import authzEndpointNoFragment from './authz-endpoint-no-fragment.js'
import endpointsHttps from './endpoints-https.js'
import fetch200Json from './fetch-200-json.js'
import grantTypes from './grant-types.js'
import idTokenRs256 from './id-token-rs256.js'
import issuerExact from './issuer-exact.js'
import issuerSyntax from './issuer-syntax.js'
import jwksValid from './jwks-valid.js'
import metadataVsBehaviour from './metadata-vs-behaviour.js'
import optionalMembers from './optional-members.js'
import pkceMethods from './pkce-methods.js'
import requiredMembers from './required-members.js'
import responseTypesCode from './response-types-code.js'
import revocationIntrospectionAdvertised from './revocation-introspection-advertised.js'
import rfc8414WellKnown from './rfc8414-well-known.js'
import scopesOpenid from './scopes-openid.js'
import unknownMembers from './unknown-members.js'

export const discoveryChecks: AnyCheck[] = [
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
]

/**
 * Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). The
 * prompt=none error redirect that disc.metadata-vs-behaviour reuses is registered by the iss area.
 */
export const discoveryGatherers: AnyGatherer[] = [discoveryJwksKeysGatherer, discoveryNonAdvertisedGatherer]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const discoveryNotApplicable: NotApplicable[] = [
  {
    id: 'disc.key-rotation',
    reason:
      "needs a key rotation the suite cannot trigger: no standard API rotates an OP's signing keys, and waiting for a scheduled rotation is unbounded (OIDF runs it with a manual trigger)",
  },
]
