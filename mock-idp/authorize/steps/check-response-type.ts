/**
 * RFC 6749 §4.1.1: "response_type REQUIRED. Value MUST be set to "code"." This provider
 * implements only the authorization-code flow.
 *
 * §4.1.2.1: "unsupported_response_type — The authorization server does not support obtaining an
 * authorization code using this method"; "unauthorized_client — The client is not authorized to
 * request an authorization code using this method."
 */
import { InvalidRequest, UnauthorizedClient, UnsupportedResponseType } from '../../errors.js'
import { clientOf, type Step } from '../step.js'

export const checkResponseType: Step = ({ params, behaviours }, draft) => {
  const client = clientOf(draft)
  const responseType = params.get('response_type')
  // RFC 6749 §3.1.1: "If an authorization request is missing the "response_type" parameter, or if
  // the response type is not understood, the authorization server MUST return an error response".
  if (responseType === undefined && behaviours.enforces('response-type-required'))
    throw new InvalidRequest('"response_type" parameter is missing (RFC 6749 §4.1.1)')
  if (responseType !== undefined && responseType !== 'code' && behaviours.enforces('response-type-understood')) {
    throw new UnsupportedResponseType(
      `"response_type" "${responseType}" is not supported; this server supports only "code"`,
    )
  }
  if (!client.grant_types.includes('authorization_code')) {
    throw new UnauthorizedClient(
      `client "${client.client_id}" is not registered for the "authorization_code" grant (grant_types: ${client.grant_types.join(', ')})`,
    )
  }
  return { ...draft, responseType: 'code' }
}
