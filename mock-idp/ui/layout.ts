/**
 * The frame shared by every page of the mock IdP: one language, one `h1` (supplied by the page),
 * inline CSS, no external fetches and no scripts, so the pages work offline and under the strict
 * Content-Security-Policy set in `http/respond.ts` (the page variants that need a script or an
 * asset set their own, narrower exception: `ui/page-csp.ts`). The empty data: icon stops browsers from
 * asking for /favicon.ico, which would 404 and log a console error on every page.
 */
import { escapeHtml } from './escape-html.js'

const STYLE = `
:root { color-scheme: light dark; --accent: #1d4ed8; --error: #b91c1c; --muted: #4b5563; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: Canvas; color: CanvasText; }
main { max-width: 26rem; margin: 8vh auto; padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 0.75rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); font-size: 0.9rem; }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
input { width: 100%; padding: 0.6rem; font: inherit; border: 1px solid #9ca3af; border-radius: 0.4rem; }
input:focus, button:focus { outline: 3px solid color-mix(in srgb, var(--accent) 50%, transparent); outline-offset: 1px; }
.actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; }
button { font: inherit; padding: 0.6rem 1.2rem; border-radius: 0.4rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: CanvasText; border-color: #9ca3af; }
.error { color: var(--error); border-left: 4px solid var(--error); padding-left: 0.75rem; }
ul.scopes { padding-left: 1.25rem; }
ul.scopes li { margin: 0.35rem 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; overflow-wrap: anywhere; }
.detail { overflow-wrap: anywhere; white-space: pre-wrap; }
`

export interface LayoutOptions {
  /** The document title; the page's own `h1` is part of `body`. */
  title: string
  body: string
  /** BCP 47 language tag of the page text. */
  lang?: string
  /** A data-testid on <main>, for automation. */
  testId?: string
  /** Extra markup for <head> (e.g. a meta refresh), already escaped. */
  head?: string
}

export function layout({ title, body, lang = 'en', testId, head = '' }: LayoutOptions): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · Codeflow mock IdP</title>
<style>${STYLE}</style>${head ? `\n${head}` : ''}
</head>
<body>
<main${testId ? ` data-testid="${escapeHtml(testId)}"` : ''}>
${body}
<p class="muted">Codeflow mock identity provider</p>
</main>
</body>
</html>
`
}
