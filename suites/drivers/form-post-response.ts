/**
 * The form_post response mode (OAuth 2.0 Form Post Response Mode §2): the authorization response
 * comes back as a page whose form posts the parameters to the client's redirect URI, submitted
 * by the page itself. Recognised on any page a driver meets, so that no driver mistakes it for a
 * page of the server's own.
 */
import type * as cheerio from 'cheerio'
import { isClientUri } from './callback.js'
import type { AuthorizeResult } from './driver.js'

type Callback = Omit<Extract<AuthorizeResult, { kind: 'callback' }>, 'sawLogin' | 'sawConsent' | 'exchanges'>

/** The response a form_post page carries: its first POST form whose action is at the client. */
export function findFormPost($: cheerio.CheerioAPI, pageUrl: string, clientUris: string[]): Callback | undefined {
  for (const element of $('form').toArray()) {
    const form = $(element)
    const action = new URL(form.attr('action') ?? '', pageUrl).toString()
    if ((form.attr('method') ?? '').toUpperCase() !== 'POST' || !isClientUri(action, clientUris)) continue
    const allParams: Array<[string, string]> = []
    form.find('input[name]').each((_, field) => {
      allParams.push([$(field).attr('name')!, $(field).attr('value') ?? ''])
    })
    return { kind: 'callback', url: action, mode: 'form_post', params: Object.fromEntries(allParams), allParams }
  }
  return undefined
}
