/** Writes every format of a report into a folder, and the Markdown summary to $GITHUB_STEP_SUMMARY when set. */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderHtml } from './render-html.js'
import { renderJunit } from './render-junit.js'
import { renderMarkdown } from './render-markdown.js'
import type { Report } from './schema.js'

export const REPORT_FILES = {
  json: 'report.json',
  junit: 'junit.xml',
  html: 'report.html',
  markdown: 'summary.md',
} as const

export function writeReports(
  report: Report,
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Record<keyof typeof REPORT_FILES, string> {
  mkdirSync(dir, { recursive: true })
  const paths = {
    json: join(dir, REPORT_FILES.json),
    junit: join(dir, REPORT_FILES.junit),
    html: join(dir, REPORT_FILES.html),
    markdown: join(dir, REPORT_FILES.markdown),
  }
  const markdown = renderMarkdown(report)
  writeFileSync(paths.json, `${JSON.stringify(report, null, 2)}\n`)
  writeFileSync(paths.junit, renderJunit(report))
  writeFileSync(paths.html, renderHtml(report))
  writeFileSync(paths.markdown, markdown)
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown)
  return paths
}

/** The default output folder: reports/runs/<timestamp>/ (git-ignored). */
export function defaultOutDir(now = new Date()): string {
  return join('reports', 'runs', now.toISOString().replace(/[:.]/g, '-'))
}
