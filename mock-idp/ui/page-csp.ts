/**
 * The Content-Security-Policy of a page that needs more than the default (http/respond.ts
 * PAGE_CSP: no scripts, nothing fetched): the default with some directives replaced. Inline
 * scripts are allowed only by a per-response nonce (CSP Level 3 §6.7.2.3: "nonce-source"), so
 * nothing injected into a page could run, and the rest of the policy stays as strict as elsewhere.
 */
import { PAGE_CSP } from '../http/respond.js'

/** PAGE_CSP with `directives` (name → source list) added or replacing the default's. */
export function pageCsp(directives: Record<string, string>): string {
  const policy = new Map<string, string>()
  for (const part of PAGE_CSP.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) policy.set(name, sources.join(' '))
  }
  for (const [name, sources] of Object.entries(directives)) policy.set(name, sources)
  return [...policy].map(([name, sources]) => (sources ? `${name} ${sources}` : name)).join('; ')
}

/** The policy for a page whose only scripts are inline ones carrying `nonce`. */
export function nonceCsp(nonce: string): string {
  return pageCsp({ 'script-src': `'nonce-${nonce}'` })
}
