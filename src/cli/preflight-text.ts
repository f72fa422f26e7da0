/**
 * The preflight report as `codeflow doctor` prints it: discovery, the JWK Set, then each login
 * page by page — URL, status and title, what the driver took the page for, the selectors it
 * tried (with, for one that matched nothing, the elements the page has instead) and what it did.
 */
import type { DriverStep, SelectorMatch } from '../../suites/drivers/driver.js'
import type { PreflightItem, PreflightLogin, PreflightReport } from '../../suites/run/preflight.js'

const SEEN: Record<DriverStep['seen'], string> = {
  redirect: 'redirect',
  callback: 'back at the client',
  login: 'login page',
  'password-step': 'password page',
  'username-step': 'username page',
  consent: 'consent page',
  interstitial: 'interstitial',
  page: 'a page of the server’s own',
}

export function renderPreflight(report: PreflightReport, label: string): string {
  const lines = [`${label}: ${report.target.name} (${report.target.issuer})`]
  if (report.discovery) lines.push(item('discovery', report.discovery))
  if (report.jwks) lines.push(item('JWK Set', report.jwks))
  // The first login and any that failed in full; the others (the same pages, as a rule) in one line.
  report.logins.forEach((login, index) => {
    lines.push(...(index === 0 || !login.ok ? loginLines(login) : [loginSummary(login)]))
  })
  lines.push('', report.ok ? `All good: the suite can drive ${report.target.name}.` : `Problem: ${report.problem}`)
  return `${lines.join('\n')}\n`
}

function item(name: string, { ok, fatal, summary }: PreflightItem): string {
  return `${ok ? '✓' : fatal ? '✗' : '!'} ${name}: ${summary}`
}

function loginSummary(login: PreflightLogin): string {
  const path = login.steps.map((step) => SEEN[step.seen]).join(' → ')
  return `✓ login: ${login.client}, ${login.user}: ${path}${login.token ? `; token ${login.token.ok ? 'issued' : 'refused'}` : ''}`
}

function loginLines(login: PreflightLogin): string[] {
  const lines = [`${login.ok ? '✓' : '✗'} login: ${login.client}, ${login.user}`]
  login.steps.forEach((step, index) => {
    const title = step.title ? ` "${step.title}"` : ''
    lines.push(`    ${index + 1}. ${step.method} ${shorten(step.url)} → ${step.status}${title}: ${SEEN[step.seen]}`)
    for (const match of step.selectors) lines.push(`         ${selectorLine(match)}`)
    if (step.inventory && step.inventory.length > 0) lines.push(`         the page has: ${step.inventory.join(', ')}`)
    lines.push(`         → ${shorten(step.action, 160)}`)
  })
  if (login.token) lines.push(`    ${item('token', login.token)}`)
  if (login.problem) lines.push(`    ✗ ${login.problem}`)
  return lines
}

function selectorLine(match: SelectorMatch): string {
  const selector = match.selector ? ` ${match.selector}` : ''
  const head = `${match.matched ? '✓' : '✗'} ${match.setting}${selector} (${match.source})`
  if (match.matched) return head
  const nearest = match.candidates && match.candidates.length > 0 ? match.candidates.join(', ') : 'nothing of that kind'
  return `${head} matched nothing; the page has: ${nearest}`
}

/** Long URLs (an authorization request) cut to a readable length: the path stays, the query is cut. */
function shorten(text: string, max = 110): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
