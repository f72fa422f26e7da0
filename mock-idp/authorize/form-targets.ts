/**
 * Where the sign-in pages' forms post. Each page posts to its own endpoint, unless
 * `pages.sameUrl` is on: then every form posts back to the authorization URL the user is on, its
 * query string included, as servers that render the whole sign-in at the authorization endpoint
 * do (the `interaction` field tells such a post from a new authorization request).
 */
import type { RequestContext } from '../request-context.js'
import { pathOf } from './front-channel.js'

export type SignInPage = 'login' | 'consent'

export function formAction({ provider, request, urls }: RequestContext, page: SignInPage): string {
  if (!provider.config.pages.sameUrl) return pathOf(urls[page])
  const authorization = pathOf(urls.authorization)
  return request.url.pathname === authorization ? `${authorization}${request.url.search}` : authorization
}
