/**
 * The interstitial page of an interaction whose user has just signed in (config
 * pages.interstitial): where its form posts (the login form's target, so pages.sameUrl applies)
 * and where its meta refresh goes (GET {login}?interaction=…&continue_token=…, a token bound to
 * the interaction and the browser that only continues). Continuing is endpoints/login.ts's job.
 */

import type { EndpointResult } from '../http/endpoint-result.js'
import type { RequestContext } from '../request-context.js'
import type { InteractionRecord } from '../store/records.js'
import { interstitialPage } from '../ui/interstitial-page.js'
import { withConfiguredAssets } from '../ui/slow-assets.js'
import { formAction } from './form-targets.js'
import { pathOf } from './front-channel.js'
import { csrfToken } from './interaction.js'

export function showInterstitial(context: RequestContext, record: InteractionRecord): EndpointResult {
  const { provider, urls } = context
  const kind = provider.config.pages.interstitial
  const client = provider.clients.get(record.request.clientId)
  const sub = record.sub ?? ''
  const refresh = new URLSearchParams({
    interaction: record.id,
    continue_token: csrfToken(provider.secret, record.id, record.browserId, 'continue'),
  })
  const page = interstitialPage({
    kind: kind === 'none' ? 'continue' : kind,
    action: formAction(context, 'login'),
    interactionId: record.id,
    csrf: csrfToken(provider.secret, record.id, record.browserId),
    refreshUrl: `${pathOf(urls.login)}?${refresh}`,
    nonce: provider.ids.next('script-nonce', 16),
    clientName: client?.client_name ?? record.request.clientId,
    username: provider.users.bySub(sub)?.username ?? sub,
    continuesTo: record.request.redirectUri,
  })
  return withConfiguredAssets(provider.config.pages.scripts, context.issuer, page)
}
