/**
 * One self-contained HTML page (no network needed to open it): the summary at the top; for an
 * incomplete run, "Why the run is incomplete" first (each root cause once, with the checks it
 * blocked, its exchanges, and the login driver's screenshot embedded as a data: URL); robustness
 * observations; filters by outcome, level and area, search by id, and every check expandable to
 * its spec links and its redacted HTTP transcript. Rendered on the server side; a few lines of
 * inline script filter.
 */

import { sortChecks } from './build-report.js'
import { checksCount, incompleteReason, outcomeWithLevel, robustnessSentence } from './check-wording.js'
import { reportTitle } from './report-title.js'
import type { Report, ReportCheck, ReportRootCause } from './schema.js'

/** A screenshot larger than this is linked (artifacts/…) instead of embedded, to keep the page small. */
export const MAX_EMBEDDED_SCREENSHOT_BYTES = 2 * 1024 * 1024

export interface RenderHtmlOptions {
  /**
   * Reads an artifact by its path relative to the report folder (artifacts/…), to embed the
   * screenshot; without it, or when it returns nothing, the page links the file instead.
   */
  readArtifact?: (relativePath: string) => Uint8Array | undefined
}

export function renderHtml(report: Report, options: RenderHtmlOptions = {}): string {
  return [...renderHtmlParts(report, options)].join('')
}

/**
 * The page in parts (the header, each root cause, each check, the end), for writing it part by
 * part: no string holds the whole page of a large run.
 */
export function* renderHtmlParts(report: Report, options: RenderHtmlOptions = {}): Generator<string> {
  const checks = sortChecks(report.checks)
  const areas = [...new Set(checks.map((check) => check.area))].sort()
  const s = report.summary
  yield `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Codeflow ${report.kind === 'client' ? 'client ' : ''}report: ${esc(report.target.name)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>${esc(reportTitle(report))} report: ${esc(report.target.name)}</h1>
  <p class="verdict ${report.incomplete ? 'incomplete' : report.conformant ? 'ok' : 'bad'}" data-testid="verdict">${report.incomplete ? 'Incomplete — not conformant' : report.conformant ? 'Conformant' : 'Not conformant'}</p>
  <p class="meta">issuer <code>${esc(report.target.issuer)}</code> · ${esc(report.startedAt)} → ${esc(report.finishedAt)} · codeflow ${esc(report.tool.version)} · gate: fail on ${esc(report.gate.failOn)}</p>
  <ul class="summary" data-testid="summary">
    ${(['passed', 'failed', 'warning', 'error', 'skipped', 'waived'] as const).map((outcome) => `<li class="o-${outcome}"><strong>${s[outcome]}</strong> ${outcome}</li>`).join('')}
  </ul>
</header>
`
  if (report.incomplete) yield* renderRootCauses(report, options)
  if (report.robustness.length > 0) yield renderRobustness(report)
  yield `<form class="filters" data-testid="filters" onsubmit="return false">
  <fieldset><legend>Outcome</legend>${(['failed', 'error', 'warning', 'waived', 'passed', 'skipped'] as const)
    .map(
      (outcome) =>
        `<label><input type="checkbox" name="outcome" value="${outcome}" checked data-testid="filter-outcome-${outcome}"> ${outcome}</label>`,
    )
    .join('')}</fieldset>
  <fieldset><legend>Level</legend>${(['MUST', 'SHOULD', 'MAY'] as const)
    .map(
      (level) =>
        `<label><input type="checkbox" name="level" value="${level}" checked data-testid="filter-level-${level}"> ${level}</label>`,
    )
    .join('')}</fieldset>
  <label>Area <select name="area" data-testid="filter-area"><option value="">all</option>${areas.map((area) => `<option value="${esc(area)}">${esc(area)}</option>`).join('')}</select></label>
  <label>Search <input type="search" name="q" placeholder="check id or text" data-testid="filter-search"></label>
  <output data-testid="shown-count"></output>
</form>
<main>
`
  for (const [index, check] of checks.entries()) yield `${index === 0 ? '' : '\n'}${renderCheck(check)}`
  yield `
</main>
<script>${SCRIPT}</script>
</body>
</html>
`
}

function* renderRootCauses(report: Report, options: RenderHtmlOptions): Generator<string> {
  yield `<section class="incomplete" id="why-incomplete" data-testid="root-causes">
<h2>Why the run is incomplete</h2>
<p>${esc(incompleteReason(report))}: the run is not conformant, because the checks it could not judge may be the ones that fail. These are not conformance failures; fix each cause below (in the target file, or on the server) and run again.</p>
`
  for (const [index, cause] of report.rootCauses.entries())
    yield `${index === 0 ? '' : '\n'}${renderRootCause(cause, options)}`
  yield `
</section>
`
}

function renderRootCause(cause: ReportRootCause, options: RenderHtmlOptions): string {
  const blocked =
    cause.blocked.length > 0 ? `Blocked ${checksCount(cause.blocked.length)}` : 'Stopped the run before every check ran'
  const tries = cause.attempts > 1 ? ` after ${cause.attempts} attempts` : ''
  return `<article class="cause" id="${esc(causeAnchor(cause.id))}" data-testid="root-cause" data-id="${esc(cause.id)}">
<h3>${esc(cause.step)} <small><code>${esc(cause.id)}</code></small></h3>
<p class="blocked" data-testid="root-cause-blocked">${blocked}${tries}.</p>
<p class="message">${esc(cause.message)}</p>
${cause.hint ? `<p class="hint"><strong>What to do:</strong> ${esc(cause.hint)}</p>` : ''}
${cause.artifacts?.screenshot ? renderScreenshot(cause.artifacts.screenshot, options) : ''}
${cause.artifacts?.trace ? `<p class="trace" data-testid="root-cause-trace">Playwright trace: from the report folder, run <code>npx playwright show-trace ${esc(cause.artifacts.trace)}</code></p>` : ''}
${cause.blocked.length > 0 ? `<details class="blocked-list"><summary>The ${checksCount(cause.blocked.length)} it blocked</summary><p>${cause.blocked.map((id) => `<code>${esc(id)}</code>`).join(', ')}</p></details>` : ''}
${cause.exchanges.map(renderExchange).join('\n')}
</article>`
}

/** Embedded as a data: URL (the page stays self-contained) when it is a PNG of bounded size. */
function renderScreenshot(path: string, options: RenderHtmlOptions): string {
  const bytes = options.readArtifact?.(path)
  const caption = `<figcaption>What the browser showed when the step failed (<a href="${esc(path)}">${esc(path)}</a>)</figcaption>`
  if (bytes && isPng(bytes) && bytes.byteLength <= MAX_EMBEDDED_SCREENSHOT_BYTES) {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
    return `<figure class="screenshot" data-testid="root-cause-screenshot">${caption}<img alt="screenshot of the page when the step failed" src="data:image/png;base64,${data}"></figure>`
  }
  const why = !bytes
    ? 'not found next to the report'
    : !isPng(bytes)
      ? 'not a PNG image'
      : `larger than ${MAX_EMBEDDED_SCREENSHOT_BYTES / 1024 / 1024} MiB`
  return `<figure class="screenshot" data-testid="root-cause-screenshot">${caption}<p>Not embedded (${why}): open the file from the report folder.</p></figure>`
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)
}

function causeAnchor(id: string): string {
  return `cause-${id.replace(/[^\w-]+/g, '-')}`
}

function renderRobustness(report: Report): string {
  return `<section class="robustness" data-testid="robustness">
<h2>Robustness <small>(an observation, not a failure)</small></h2>
${report.robustness
  .map(
    (finding) =>
      `<div class="observation" data-testid="robustness-finding"><p>${esc(robustnessSentence(finding))}.</p>${finding.exchanges.length > 0 ? `<details><summary>Exchanges</summary>${finding.exchanges.map(renderExchange).join('\n')}</details>` : ''}</div>`,
  )
  .join('\n')}
</section>
`
}

function renderCheck(check: ReportCheck): string {
  const search = `${check.id} ${check.title} ${check.message ?? ''}`.toLowerCase()
  return `<details class="check o-${check.outcome}" data-testid="check" data-id="${esc(check.id)}" data-outcome="${check.outcome}" data-level="${check.level}" data-area="${esc(check.area)}" data-search="${esc(search)}">
<summary><span class="badge o-${check.outcome}">${check.outcome}${check.informational ? ' (note)' : ''}</span> <span class="level">${check.level}</span> <code>${esc(check.id)}</code> ${esc(check.title)}</summary>
<div class="body">
${check.outcome === 'warning' ? `<p class="outcome-note">${esc(outcomeWithLevel(check))}</p>` : ''}
${
  check.outcome === 'error' && check.rootCause
    ? `<p class="root-cause">Not judged, and not a conformance failure: blocked by the root cause <a href="#${esc(causeAnchor(check.rootCause))}"><code>${esc(check.rootCause)}</code></a> (see "Why the run is incomplete").</p>`
    : check.message
      ? `<p class="message">${esc(check.message)}</p>`
      : ''
}
${check.waiver ? `<p class="waiver">Waived (was ${check.waiver.originalOutcome}): ${esc(check.waiver.reason)}${check.waiver.expires ? ` — until ${esc(check.waiver.expires)}` : ''}</p>` : ''}
<p class="spec">Spec: ${check.spec.map((ref) => `<a href="${esc(ref.url)}" rel="noreferrer">${esc(ref.token)}</a> <small>${esc(ref.title)}</small>`).join(' · ')}</p>
${check.expected !== undefined ? `<p><strong>expected</strong> <code>${esc(JSON.stringify(check.expected))}</code></p>` : ''}
${check.actual !== undefined ? `<p><strong>actual</strong> <code>${esc(JSON.stringify(check.actual))}</code></p>` : ''}
${check.evidence.exchanges.map(renderExchange).join('\n')}
</div>
</details>`
}

function renderExchange(exchange: ReportCheck['evidence']['exchanges'][number]): string {
  const request = [
    `${exchange.request.method} ${exchange.request.url}`,
    ...Object.entries(exchange.request.headers).map(([name, value]) => `${name}: ${value}`),
    ...(exchange.request.body ? ['', truncate(exchange.request.body, 4000)] : []),
  ].join('\n')
  const response = exchange.response
    ? [
        `HTTP ${exchange.response.status}`,
        ...Object.entries(exchange.response.headers).map(([name, value]) => `${name}: ${value}`),
        '',
        truncate(exchange.response.body, 4000),
      ].join('\n')
    : `no response: ${exchange.error ?? 'unknown'}`
  return `<figure class="exchange" data-testid="exchange"><figcaption>${esc(exchange.label)} <small>${Math.round(exchange.durationMs)} ms</small></figcaption><pre>${esc(request)}</pre><pre>${esc(response)}</pre></figure>`
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text
}

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
header,form.filters,main{max-width:1100px;margin:0 auto;padding:12px 20px}
h1{font-size:20px;margin:8px 0}
.verdict{display:inline-block;padding:4px 10px;border-radius:4px;font-weight:600}
.verdict.ok{background:#dafbe1;color:#116329}.verdict.bad{background:#ffebe9;color:#a40e26}.verdict.incomplete{background:#ffdfb6;color:#7a3e00}
section.incomplete,section.robustness{max-width:1100px;margin:8px auto;padding:4px 20px;border-radius:6px}
section.incomplete{background:#fff1e5;border:2px solid #d18616}section.robustness{background:#ddf4ff;border:1px solid #54aeff}
h2{font-size:17px;margin:10px 0 6px}h3{font-size:15px;margin:10px 0 4px}
article.cause{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:4px 12px;margin:8px 0}
.screenshot img{max-width:100%;max-height:60vh;object-fit:contain;object-position:left top;border:1px solid #d0d7de}
.meta{color:#57606a}
.summary{display:flex;gap:16px;list-style:none;padding:0}
form.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;background:#fff;border:1px solid #d0d7de;border-radius:6px}
fieldset{border:0;padding:0;margin:0}legend{font-weight:600;float:left;margin-right:6px}
details.check{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:6px 0}
summary{cursor:pointer;padding:8px 10px}
.body{padding:0 12px 10px}
.badge{display:inline-block;min-width:64px;text-align:center;border-radius:3px;font-size:12px;padding:1px 4px}
.o-passed .badge,.badge.o-passed{background:#dafbe1}.badge.o-failed{background:#ffebe9}.badge.o-warning{background:#fff8c5}
.badge.o-error{background:#ffdfb6}.badge.o-skipped{background:#eaeef2}.badge.o-waived{background:#ddf4ff}
.level{font-size:12px;color:#57606a;display:inline-block;min-width:50px}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
figure{margin:8px 0}figcaption{font-weight:600}
.hidden{display:none}
`

const SCRIPT = `
(function(){
  var form=document.querySelector('form.filters');var checks=[].slice.call(document.querySelectorAll('details.check'));
  var out=form.querySelector('output');
  function apply(){
    var outcomes=[].slice.call(form.querySelectorAll('input[name=outcome]:checked')).map(function(i){return i.value});
    var levels=[].slice.call(form.querySelectorAll('input[name=level]:checked')).map(function(i){return i.value});
    var area=form.area.value;var q=form.q.value.trim().toLowerCase();var shown=0;
    checks.forEach(function(c){
      var ok=outcomes.indexOf(c.dataset.outcome)>=0&&levels.indexOf(c.dataset.level)>=0&&(!area||c.dataset.area===area)&&(!q||c.dataset.search.indexOf(q)>=0);
      c.classList.toggle('hidden',!ok);if(ok)shown++;
    });
    out.textContent=shown+' of '+checks.length+' checks';
  }
  form.addEventListener('input',apply);form.addEventListener('change',apply);apply();
})();
`
