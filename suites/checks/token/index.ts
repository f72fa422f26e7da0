/** Token endpoint, client authentication, error format (catalog §4.5). */

import {
  tokenBasicAuthGatherer,
  tokenBasicUrlencodedGatherer,
  tokenClientAuthGatherer,
  tokenCodeBindingGatherer,
  tokenPostAuthGatherer,
  tokenPublicClientGatherer,
} from '../../gatherers/token-client-auth.js'
import {
  tokenGrantErrorsGatherer,
  tokenRedirectUriGatherer,
  tokenRequestFormatGatherer,
} from '../../gatherers/token-requests.js'
import { tokenAccessTokenExpiryGatherer, tokenScopeReportedGatherer } from '../../gatherers/token-response.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import accessTokenQuality from './access-token-quality.js'
import atLifetime from './at-lifetime.js'
import authBasic from './auth-basic.js'
import authBasicUrlencoded from './auth-basic-urlencoded.js'
import authInQuery from './auth-in-query.js'
import authMethodRegistered from './auth-method-registered.js'
import authMissing from './auth-missing.js'
import authMultipleMethods from './auth-multiple-methods.js'
import authNonePkce from './auth-none-pkce.js'
import authPost from './auth-post.js'
import authWrongSecret from './auth-wrong-secret.js'
import cacheHeaders from './cache-headers.js'
import clientIdMismatch from './client-id-mismatch.js'
import clientSecretStrength from './client-secret-strength.js'
import codeBoundToClient from './code-bound-to-client.js'
import codeMissing from './code-missing.js'
import duplicateParam from './duplicate-param.js'
import errorFormat from './error-format.js'
import errorNoStore from './error-no-store.js'
import formEncoding from './form-encoding.js'
import grantNotAllowed from './grant-not-allowed.js'
import grantTypeMissingOrUnknown from './grant-type-missing-or-unknown.js'
import invalidClientBasic401 from './invalid-client-basic-401.js'
import postOnly from './post-only.js'
import publicClientIdRequired from './public-client-id-required.js'
import redirectUriMismatch from './redirect-uri-mismatch.js'
import redirectUriMissing from './redirect-uri-missing.js'
import scopeReported from './scope-reported.js'
import senderConstraint from './sender-constraint.js'
import successShape from './success-shape.js'
import unknownParamIgnored from './unknown-param-ignored.js'

export const tokenChecks: AnyCheck[] = [
  successShape,
  scopeReported,
  accessTokenQuality,
  cacheHeaders,
  postOnly,
  formEncoding,
  unknownParamIgnored,
  duplicateParam,
  grantTypeMissingOrUnknown,
  grantNotAllowed,
  codeMissing,
  redirectUriMismatch,
  redirectUriMissing,
  codeBoundToClient,
  clientIdMismatch,
  publicClientIdRequired,
  authBasic,
  authBasicUrlencoded,
  authPost,
  authNonePkce,
  authMissing,
  authWrongSecret,
  invalidClientBasic401,
  authInQuery,
  authMultipleMethods,
  authMethodRegistered,
  clientSecretStrength,
  errorFormat,
  errorNoStore,
  atLifetime,
  senderConstraint,
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const tokenGatherers: AnyGatherer[] = [
  tokenGrantErrorsGatherer,
  tokenRequestFormatGatherer,
  tokenRedirectUriGatherer,
  tokenClientAuthGatherer,
  tokenBasicAuthGatherer,
  tokenPostAuthGatherer,
  tokenPublicClientGatherer,
  tokenBasicUrlencodedGatherer,
  tokenCodeBindingGatherer,
  tokenScopeReportedGatherer,
  tokenAccessTokenExpiryGatherer,
]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const tokenNotApplicable: NotApplicable[] = [
  {
    id: 'token.auth-jwt',
    reason:
      'private_key_jwt / client_secret_jwt: the target file describes only client_secret_basic, client_secret_post and none clients (no client keys or JWT assertion settings), so there is no client to sign assertions for',
  },
]
