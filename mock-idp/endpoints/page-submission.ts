/**
 * A sign-in form posted back to the authorization URL (config pages.sameUrl): servers that render
 * the whole sign-in at the authorization endpoint (Django apps, Keycloak-like servers) receive the
 * login, interstitial and consent forms there. The `interaction` field, which no authorization
 * request has (RFC 6749 §4.1.1, OIDC Core §3.1.2.1), tells such a post from a new request; the
 * interaction's stage says which form it is.
 */
import { asPage, pageParams, requireInteraction } from '../authorize/front-channel.js'
import { formBody } from '../http/parsed-request.js'
import { submitConsent } from './consent.js'
import { submitLogin } from './login.js'

export const submitPageAtAuthorizationUrl = asPage(async (context) => {
  const params = pageParams(context, formBody(context.request))
  const record = await requireInteraction(context, params)
  return record.stage === 'consent' ? submitConsent(context, record, params) : submitLogin(context, record, params)
})
