/**
 * What a page shows, in a few words, for the browser driver's decisions (a meta refresh) and for
 * its error messages ("the page at … showed …"): title, visible headings, alerts and forms (field
 * names and button labels, never values).
 */
import type { Page } from 'playwright-core'
import { scrubSecrets } from '../../core/redact.js'
import { redactUrl } from '../harness/exchange.js'

export interface PageSnapshot {
  url: string
  title: string
  headings: string[]
  alerts: string[]
  forms: Array<{ method: string; action: string; fields: string[]; buttons: string[] }>
  /** A `<meta http-equiv="refresh">`: seconds and target. */
  refresh?: { delaySeconds: number; url: string }
}

/** Plain JavaScript, evaluated in the page (no compiler helper can sneak into a string). */
const READ_PAGE = `(() => {
  const visible = (element) => !!(element.offsetWidth || element.offsetHeight || element.getClientRects().length)
  const text = (element) => (element.innerText || element.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 120)
  const all = (selector, root = document) => Array.from(root.querySelectorAll(selector))
  const meta = all('meta[http-equiv]').find((element) => element.httpEquiv.toLowerCase() === 'refresh')
  let refresh
  if (meta) {
    const match = /^\\s*(\\d+(?:\\.\\d*)?)\\s*(?:[;,]\\s*(?:url\\s*=\\s*)?['"]?([^'"]*)['"]?)?/i.exec(meta.content || '')
    if (match) refresh = { delaySeconds: Number(match[1]), url: new URL(match[2] || location.href, location.href).href }
  }
  return {
    title: document.title.slice(0, 120),
    headings: all('h1, h2, h3').filter(visible).map(text).filter(Boolean).slice(0, 5),
    alerts: all('[role=alert], .error, .alert').filter(visible).map(text).filter(Boolean).slice(0, 3),
    forms: all('form').filter(visible).slice(0, 5).map((form) => ({
      method: (form.getAttribute('method') || 'GET').toUpperCase(),
      action: new URL(form.getAttribute('action') || location.href, location.href).pathname,
      fields: all('input, select, textarea', form)
        .filter((field) => field.type !== 'hidden' && field.type !== 'submit' && visible(field))
        .map((field) => field.name || field.id || field.type)
        .slice(0, 8),
      buttons: all('button, input[type=submit]', form).filter(visible).map((button) => text(button) || button.value || button.name).slice(0, 5),
    })),
    refresh,
  }
})()`

/** Reads the page; a page that cannot be read (closed, navigating) gives what is known: its URL. */
export async function readPage(page: Page, timeoutMs: number): Promise<PageSnapshot> {
  const url = page.isClosed() ? '' : page.url()
  const read = page.evaluate(READ_PAGE) as Promise<Omit<PageSnapshot, 'url'>>
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs)
  })
  const found = await Promise.race([read.catch(() => undefined), timeout])
  clearTimeout(timer)
  return { url, title: '', headings: [], alerts: [], forms: [], ...found }
}

/** "the page at <url> (HTTP 200, title "Sign in") showed: headings …; forms …" — redacted. */
export function describePage(snapshot: PageSnapshot, status: number | undefined, secrets: string[]): string {
  const parts: string[] = []
  if (snapshot.headings.length > 0) parts.push(`headings ${snapshot.headings.map(quote).join(', ')}`)
  if (snapshot.alerts.length > 0) parts.push(`alerts ${snapshot.alerts.map(quote).join(', ')}`)
  if (snapshot.forms.length > 0)
    parts.push(
      `forms ${snapshot.forms
        .map((form) => {
          const inside = [
            ...(form.fields.length > 0 ? [`fields ${form.fields.join(', ')}`] : []),
            ...(form.buttons.length > 0 ? [`buttons ${form.buttons.map(quote).join(', ')}`] : []),
          ]
          return `${form.method} ${form.action}${inside.length > 0 ? ` (${inside.join('; ')})` : ''}`
        })
        .join(' | ')}`,
    )
  else parts.push('no visible form')
  const about = [
    ...(status === undefined ? [] : [`HTTP ${status}`]),
    ...(snapshot.title ? [`title ${quote(snapshot.title)}`] : []),
  ]
  const where = snapshot.url ? `the page at ${safeUrl(snapshot.url)}` : 'the page'
  return scrubSecrets(`${where}${about.length > 0 ? ` (${about.join(', ')})` : ''} showed ${parts.join('; ')}`, secrets)
}

/** A URL for a message: codes and tokens redacted; about:blank and the browser's own pages as they are. */
export function safeUrl(url: string): string {
  return /^https?:/i.test(url) ? redactUrl(url) : url
}

function quote(text: string): string {
  return `"${text}"`
}
