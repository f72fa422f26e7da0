/** Authorization endpoint request validation (catalog §4.2). */
import { authorizationSessionGatherer } from '../../flows/authorization-scenario.js'
import { accessDeniedGatherer } from '../../gatherers/access-denied.js'
import { badRequestGatherers } from '../../gatherers/authorization-bad-requests.js'
import { errorRedirectsGatherer } from '../../gatherers/authorization-error-redirects.js'
import { redirectVariantGatherers } from '../../gatherers/authorization-redirect-variants.js'
import { variationGatherers } from '../../gatherers/authorization-variations.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import accessDenied from './access-denied.js'
import autoRedirectOnError from './auto-redirect-on-error.js'
import claimsParam from './claims-param.js'
import clickjacking from './clickjacking.js'
import clientIdMissing from './client-id-missing.js'
import clientIdUnknown from './client-id-unknown.js'
import codeHappyPath from './code-happy-path.js'
import consentPublicClient from './consent-public-client.js'
import duplicateParam from './duplicate-param.js'
import emptyParamAsAbsent from './empty-param-as-absent.js'
import errorResponseShape from './error-response-shape.js'
import formPostMode from './form-post-mode.js'
import fragmentFix from './fragment-fix.js'
import invalidScope from './invalid-scope.js'
import loopbackPort from './loopback-port.js'
import missingOpenidScope from './missing-openid-scope.js'
import no307 from './no-307.js'
import nonceOptionalCode from './nonce-optional-code.js'
import oidcMtiParams from './oidc-mti-params.js'
import orderInsensitive from './order-insensitive.js'
import pkceTolerated from './pkce-tolerated.js'
import postMethod from './post-method.js'
import redirectUriCodePollution from './redirect-uri-code-pollution.js'
import redirectUriFragment from './redirect-uri-fragment.js'
import redirectUriMissing from './redirect-uri-missing.js'
import redirectUriQueryAdded from './redirect-uri-query-added.js'
import redirectUriQueryMismatch from './redirect-uri-query-mismatch.js'
import redirectUriQueryPreserved from './redirect-uri-query-preserved.js'
import redirectUriUnregistered from './redirect-uri-unregistered.js'
import redirectUriVariants from './redirect-uri-variants.js'
import referrerPolicy from './referrer-policy.js'
import requestObject from './request-object.js'
import responseModeUnknown from './response-mode-unknown.js'
import responseTypeMissing from './response-type-missing.js'
import responseTypeTokenDisabled from './response-type-token-disabled.js'
import responseTypeUnknown from './response-type-unknown.js'
import unknownParamIgnored from './unknown-param-ignored.js'

export const authorizationChecks: AnyCheck[] = [
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
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const authorizationGatherers: AnyGatherer[] = [
  authorizationSessionGatherer,
  ...badRequestGatherers,
  ...redirectVariantGatherers,
  ...variationGatherers,
  accessDeniedGatherer,
  errorRedirectsGatherer,
]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const authorizationNotApplicable: NotApplicable[] = []
