/** Authorization endpoint request validation (RFC 6749 §3.1, §4.1.1, §4.1.2.1; OIDC Core §3.1.2). */
import { authorizationSessionGatherer } from '../../flows/authorization-scenario.js'
import type { CheckArea } from '../../harness/check-area.js'
import accessDenied from './checks/access-denied.js'
import autoRedirectOnError from './checks/auto-redirect-on-error.js'
import claimsParam from './checks/claims-param.js'
import clickjacking from './checks/clickjacking.js'
import clientIdMissing from './checks/client-id-missing.js'
import clientIdUnknown from './checks/client-id-unknown.js'
import codeHappyPath from './checks/code-happy-path.js'
import consentPublicClient from './checks/consent-public-client.js'
import duplicateParam from './checks/duplicate-param.js'
import emptyParamAsAbsent from './checks/empty-param-as-absent.js'
import errorResponseShape from './checks/error-response-shape.js'
import formPostMode from './checks/form-post-mode.js'
import fragmentFix from './checks/fragment-fix.js'
import invalidScope from './checks/invalid-scope.js'
import loopbackPort from './checks/loopback-port.js'
import missingOpenidScope from './checks/missing-openid-scope.js'
import no307 from './checks/no-307.js'
import nonceOptionalCode from './checks/nonce-optional-code.js'
import oidcMtiParams from './checks/oidc-mti-params.js'
import orderInsensitive from './checks/order-insensitive.js'
import pkceTolerated from './checks/pkce-tolerated.js'
import postMethod from './checks/post-method.js'
import redirectUriCodePollution from './checks/redirect-uri-code-pollution.js'
import redirectUriFragment from './checks/redirect-uri-fragment.js'
import redirectUriMissing from './checks/redirect-uri-missing.js'
import redirectUriQueryAdded from './checks/redirect-uri-query-added.js'
import redirectUriQueryMismatch from './checks/redirect-uri-query-mismatch.js'
import redirectUriQueryPreserved from './checks/redirect-uri-query-preserved.js'
import redirectUriUnregistered from './checks/redirect-uri-unregistered.js'
import redirectUriVariants from './checks/redirect-uri-variants.js'
import referrerPolicy from './checks/referrer-policy.js'
import requestObject from './checks/request-object.js'
import responseModeUnknown from './checks/response-mode-unknown.js'
import responseTypeMissing from './checks/response-type-missing.js'
import responseTypeTokenDisabled from './checks/response-type-token-disabled.js'
import responseTypeUnknown from './checks/response-type-unknown.js'
import unknownParamIgnored from './checks/unknown-param-ignored.js'
import { accessDeniedGatherer } from './gather/access-denied.js'
import { badRequestGatherers } from './gather/authorization-bad-requests.js'
import { errorRedirectsGatherer } from './gather/authorization-error-redirects.js'
import { redirectVariantGatherers } from './gather/authorization-redirect-variants.js'
import { variationGatherers } from './gather/authorization-variations.js'
import { authorizationUnprovable } from './unprovable.js'

export const authorizationArea: CheckArea = {
  name: 'authorization',
  checks: [
    accessDenied,
    autoRedirectOnError,
    claimsParam,
    clickjacking,
    clientIdMissing,
    clientIdUnknown,
    codeHappyPath,
    consentPublicClient,
    duplicateParam,
    emptyParamAsAbsent,
    errorResponseShape,
    formPostMode,
    fragmentFix,
    invalidScope,
    loopbackPort,
    missingOpenidScope,
    no307,
    nonceOptionalCode,
    oidcMtiParams,
    orderInsensitive,
    pkceTolerated,
    postMethod,
    redirectUriCodePollution,
    redirectUriFragment,
    redirectUriMissing,
    redirectUriQueryAdded,
    redirectUriQueryMismatch,
    redirectUriQueryPreserved,
    redirectUriUnregistered,
    redirectUriVariants,
    referrerPolicy,
    requestObject,
    responseModeUnknown,
    responseTypeMissing,
    responseTypeTokenDisabled,
    responseTypeUnknown,
    unknownParamIgnored,
  ],
  gatherers: [
    authorizationSessionGatherer,
    ...badRequestGatherers,
    ...redirectVariantGatherers,
    ...variationGatherers,
    accessDeniedGatherer,
    errorRedirectsGatherer,
  ],
  notApplicable: [],
  unprovable: authorizationUnprovable,
}
