/**
 * The Content-Security-Policy of a page that needs more than the default (NO_FORM_CSP in
 * ui/content-security-policy.ts: no scripts, nothing fetched, no form submission): a base policy
 * with some sources added. Inline scripts are allowed only by a per-response nonce (CSP Level 3
 * §6.7.2.3: "nonce-source"), so nothing injected into a page could run, and the rest of the
 * policy stays as strict as elsewhere.
 */
import { formPageCsp, NO_FORM_CSP } from './content-security-policy.js'

/**
 * `base` (default NO_FORM_CSP) with `sources` added to each named directive. A directive the base
 * lacks starts from nothing (not from default-src), and 'none' is dropped once a source is added.
 */
export function widenCsp(sources: Record<string, string>, base: string = NO_FORM_CSP): string {
  const policy = new Map<string, string[]>()
  for (const part of base.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) policy.set(name.toLowerCase(), values)
  }
  for (const [name, added] of Object.entries(sources)) {
    const values = (policy.get(name) ?? []).filter((value) => value !== "'none'")
    for (const value of added.split(/\s+/)) if (value && !values.includes(value)) values.push(value)
    policy.set(name, values)
  }
  return [...policy].map(([name, values]) => [name, ...values].join(' ')).join('; ')
}

/**
 * The policy for a page with a form whose only scripts are inline ones carrying `nonce`; the
 * sign-in may continue to `continuesTo` (formPageCsp).
 */
export function nonceCsp(nonce: string, continuesTo?: string): string {
  return widenCsp({ 'script-src': `'nonce-${nonce}'` }, formPageCsp(continuesTo))
}
