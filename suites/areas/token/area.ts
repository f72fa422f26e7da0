/** Token endpoint, client authentication, error format (RFC 6749 §2.3, §3.2, §4.1.3, §5.1, §5.2). */

import type { CheckArea } from '../../harness/check-area.js'
import accessTokenQuality from './checks/access-token-quality.js'
import atLifetime from './checks/at-lifetime.js'
import authBasic from './checks/auth-basic.js'
import authBasicUrlencoded from './checks/auth-basic-urlencoded.js'
import authInQuery from './checks/auth-in-query.js'
import authMethodRegistered from './checks/auth-method-registered.js'
import authMissing from './checks/auth-missing.js'
import authMultipleMethods from './checks/auth-multiple-methods.js'
import authNonePkce from './checks/auth-none-pkce.js'
import authPost from './checks/auth-post.js'
import authWrongSecret from './checks/auth-wrong-secret.js'
import cacheHeaders from './checks/cache-headers.js'
import clientIdMismatch from './checks/client-id-mismatch.js'
import clientSecretStrength from './checks/client-secret-strength.js'
import codeBoundToClient from './checks/code-bound-to-client.js'
import codeMissing from './checks/code-missing.js'
import duplicateParam from './checks/duplicate-param.js'
import errorFormat from './checks/error-format.js'
import errorNoStore from './checks/error-no-store.js'
import formEncoding from './checks/form-encoding.js'
import grantNotAllowed from './checks/grant-not-allowed.js'
import grantTypeMissingOrUnknown from './checks/grant-type-missing-or-unknown.js'
import invalidClientBasic401 from './checks/invalid-client-basic-401.js'
import postOnly from './checks/post-only.js'
import publicClientIdRequired from './checks/public-client-id-required.js'
import redirectUriMismatch from './checks/redirect-uri-mismatch.js'
import redirectUriMissing from './checks/redirect-uri-missing.js'
import scopeReported from './checks/scope-reported.js'
import senderConstraint from './checks/sender-constraint.js'
import successShape from './checks/success-shape.js'
import unknownParamIgnored from './checks/unknown-param-ignored.js'
import {
  tokenBasicAuthGatherer,
  tokenBasicUrlencodedGatherer,
  tokenClientAuthGatherer,
  tokenCodeBindingGatherer,
  tokenPostAuthGatherer,
  tokenPublicClientGatherer,
} from './gather/token-client-auth.js'
import {
  tokenGrantErrorsGatherer,
  tokenRedirectUriGatherer,
  tokenRequestFormatGatherer,
} from './gather/token-requests.js'
import { tokenAccessTokenExpiryGatherer, tokenScopeReportedGatherer } from './gather/token-response.js'
import { tokenUnprovable } from './unprovable.js'

export const tokenArea: CheckArea = {
  name: 'token',
  checks: [
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
  ],
  gatherers: [
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
  ],
  notApplicable: [
    {
      id: 'token.auth-jwt',
      reason:
        'private_key_jwt / client_secret_jwt: the target file describes only client_secret_basic, client_secret_post and none clients (no client keys or JWT assertion settings), so there is no client to sign assertions for',
    },
  ],
  unprovable: tokenUnprovable,
}
