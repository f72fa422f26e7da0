/**
 * Reads a finished sign-in (the client target file's `outcome`): success when every `success`
 * matcher holds on the final page; otherwise a refusal — when `refusal` matchers are given, one of
 * them must hold (on the page or in the app's log lines of this sign-in), else the sign-in is
 * unexplained: neither the success nor the refusal was seen. Pure.
 */
import * as cheerio from 'cheerio'
import type { FinalPage } from '../sign-in/sign-in-driver.js'
import type { OutcomeMatchers } from '../target/client-target.js'

export type SignInOutcome =
  | { kind: 'signed-in'; matched: string[] }
  | { kind: 'refused'; matched: string[] }
  | { kind: 'unexplained'; message: string; unmatched: string[] }

export function readOutcome(page: FinalPage, logLines: readonly string[], outcome: OutcomeMatchers): SignInOutcome {
  const success = evaluate(page, [], outcome.success)
  if (success.failed.length === 0) return { kind: 'signed-in', matched: success.held }
  if (!outcome.refusal) return { kind: 'refused', matched: success.failed.map((failed) => `not ${failed}`) }
  const refusal = evaluate(page, logLines, outcome.refusal)
  if (refusal.held.length > 0) return { kind: 'refused', matched: refusal.held }
  return {
    kind: 'unexplained',
    message: `neither the success nor the refusal was seen: the final page (${page.status} at ${page.url}) matched no refusal matcher`,
    unmatched: [...success.failed, ...refusal.failed],
  }
}

interface Matchers {
  status?: number | undefined
  url?: string | undefined
  text?: string | undefined
  selector?: string | undefined
  log?: string | undefined
}

function evaluate(
  page: FinalPage,
  logLines: readonly string[],
  matchers: Matchers,
): { held: string[]; failed: string[] } {
  const held: string[] = []
  const failed: string[] = []
  const record = (ok: boolean, what: string) => (ok ? held : failed).push(what)
  if (matchers.status !== undefined) record(page.status === matchers.status, `status ${matchers.status}`)
  if (matchers.url !== undefined) record(new RegExp(matchers.url).test(page.url), `url /${matchers.url}/`)
  if (matchers.text !== undefined)
    record(
      visibleText(page.body).includes(matchers.text) || page.body.includes(matchers.text),
      `text "${matchers.text}"`,
    )
  if (matchers.selector !== undefined)
    record(hasSelector(page.body, matchers.selector), `selector ${matchers.selector}`)
  if (matchers.log !== undefined) {
    const pattern = new RegExp(matchers.log)
    record(
      logLines.some((line) => pattern.test(line)),
      `log /${matchers.log}/`,
    )
  }
  return { held, failed }
}

function visibleText(html: string): string {
  try {
    return cheerio.load(html).text()
  } catch {
    return html
  }
}

function hasSelector(html: string, selector: string): boolean {
  try {
    return cheerio.load(html)(selector).length > 0
  } catch {
    // An invalid selector matches nothing; the schema cannot parse CSS, the report shows the matcher.
    return false
  }
}
