/**
 * The "slow-assets" page variant (config pages.scripts): the sign-in pages reference a
 * stylesheet, a script and an image that the mock serves after `pages.assetDelayMs`, like a real
 * provider's branding and analytics. They sit at the end of <body>, after the forms, and the
 * script is `async`, so nothing blocks the form from being parsed and shown: a browser that
 * waits for the "load" event is slowed by the delay, one that waits for the form is not.
 *
 * Served at {issuer}/assets/{name} (http/app.ts), never cached, same origin, allowed by a CSP
 * widened for 'self' on these pages only.
 */
import type { EndpointResult } from '../http/endpoint-result.js'
import { escapeHtml } from './escape-html.js'
import { widenCsp } from './page-csp.js'

export interface PageAsset {
  contentType: string
  body: string
}

export const PAGE_ASSETS: Record<string, PageAsset> = {
  'codeflow.css': {
    contentType: 'text/css; charset=utf-8',
    body: 'main { box-shadow: 0 1px 3px rgb(0 0 0 / 0.15); }\nimg.brand { display: block; width: 2rem; height: 2rem; margin: 1rem auto 0; }\n',
  },
  'codeflow.js': {
    contentType: 'text/javascript; charset=utf-8',
    // Marks that the slow script ran: browser tests can tell "load" from "form shown".
    body: "document.documentElement.setAttribute('data-assets-loaded', 'true')\n",
  },
  'logo.svg': {
    contentType: 'image/svg+xml',
    body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#1d4ed8"/></svg>\n',
  },
}

/** `page` with the slow assets (served under `assetsPath`) at the end of its body and a CSP that allows them. */
export function withSlowAssets(page: EndpointResult, assetsPath: string): EndpointResult {
  if (page.kind !== 'html') return page
  const base = escapeHtml(assetsPath)
  const tags = `<link rel="stylesheet" href="${base}/codeflow.css" data-testid="slow-stylesheet">
<img class="brand" src="${base}/logo.svg" alt="" data-testid="slow-image">
<script src="${base}/codeflow.js" async data-testid="slow-script"></script>
`
  const csp = widenCsp(
    { 'style-src': "'self'", 'script-src': "'self'", 'img-src': "'self'" },
    page.headers?.['Content-Security-Policy'],
  )
  return {
    ...page,
    html: page.html.replace('</body>', `${tags}</body>`),
    headers: { ...page.headers, 'Content-Security-Policy': csp },
  }
}

/** The assets' path under an issuer (the same for every issuer path). */
export function assetsPath(issuer: string): string {
  return `${new URL(issuer).pathname.replace(/\/$/, '')}/assets`
}

/** `page` as the configured pages.scripts variant serves it: with the slow assets, or as it is. */
export function withConfiguredAssets(
  scripts: 'none' | 'defer-form' | 'slow-assets',
  issuer: string,
  page: EndpointResult,
): EndpointResult {
  return scripts === 'slow-assets' ? withSlowAssets(page, assetsPath(issuer)) : page
}
