/**
 * Parameters this provider does not implement, refused with the error codes OIDC Core defines
 * for them rather than silently ignored (which would hide the parameters' security intent).
 *
 * OIDC Core §3.1.2.6: "request_not_supported — The OP does not support use of the request
 * parameter", "request_uri_not_supported — The OP does not support use of the request_uri
 * parameter", "registration_not_supported — The OP does not support use of the registration
 * parameter". Discovery says `request_parameter_supported: false` and
 * `request_uri_parameter_supported: false`.
 */
import { OAuthError, RequestNotSupported, RequestUriNotSupported } from '../../errors.js'
import type { Step } from '../step.js'

/** OIDC Core §3.1.2.6; errors.ts has no class for it because only this step uses it. */
class RegistrationNotSupported extends OAuthError {
  readonly error = 'registration_not_supported' as const
}

export const checkUnsupportedFeatures: Step = ({ params, behaviours }, draft) => {
  const refuseRequestObjects = behaviours.enforces('request-object-refused')
  if (params.has('request') && refuseRequestObjects) {
    throw new RequestNotSupported('the "request" parameter (Request Object, OIDC Core §6.1) is not supported')
  }
  if (params.has('request_uri') && refuseRequestObjects) {
    throw new RequestUriNotSupported('the "request_uri" parameter (OIDC Core §6.2) is not supported')
  }
  if (params.has('registration')) {
    throw new RegistrationNotSupported('the "registration" parameter (OIDC Core §7.2.1) is not supported')
  }
  return draft
}
