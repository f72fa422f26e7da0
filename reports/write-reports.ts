/**
 * Writes every format of a report into a folder, and the Markdown summary to $GITHUB_STEP_SUMMARY
 * when set (the same text as summary.md). Files a root cause points at (the browser driver's
 * screenshot and Playwright trace, absolute paths) are copied into `<dir>/artifacts/` first, and
 * the report refers to them relative to the folder, so it can be moved or uploaded as a whole.
 */
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { basename, isAbsolute, join } from 'node:path'
import { MAX_EMBEDDED_SCREENSHOT_BYTES, renderHtmlParts } from './render-html.js'
import { renderJunitParts } from './render-junit.js'
import { renderMarkdown } from './render-markdown.js'
import { reportJsonParts } from './report-json.js'
import type { Report, ReportRootCause } from './schema.js'

export const REPORT_FILES = {
  json: 'report.json',
  junit: 'junit.xml',
  html: 'report.html',
  markdown: 'summary.md',
} as const

export const ARTIFACTS_DIR = 'artifacts'

export interface WrittenFiles {
  paths: Record<keyof typeof REPORT_FILES, string>
  /** The report as written: artifact paths relative to the folder. */
  report: Report
}

export function writeReports(report: Report, dir: string, env: NodeJS.ProcessEnv = process.env): WrittenFiles {
  mkdirSync(dir, { recursive: true })
  const written = copyArtifacts(report, dir)
  const paths = {
    json: join(dir, REPORT_FILES.json),
    junit: join(dir, REPORT_FILES.junit),
    html: join(dir, REPORT_FILES.html),
    markdown: join(dir, REPORT_FILES.markdown),
  }
  const markdown = renderMarkdown(written)
  // Part by part (a check, a root cause at a time): a large report is never one string in memory.
  writeParts(paths.json, reportJsonParts(written))
  writeParts(paths.junit, renderJunitParts(written))
  writeParts(paths.html, renderHtmlParts(written, { readArtifact: artifactReader(dir) }))
  writeFileSync(paths.markdown, markdown)
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown)
  return { paths, report: written }
}

/** Writes `parts` one after another into `file` (created or truncated). */
export function writeParts(file: string, parts: Iterable<string>): void {
  const fd = openSync(file, 'w')
  try {
    for (const part of parts) {
      const bytes = Buffer.from(part)
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset)
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * Copies each root cause's screenshot and trace into `<dir>/artifacts/<cause>-<file>` and
 * rewrites the paths relative to `dir`. A file that is gone is dropped from the report rather
 * than left as a path on a machine the reader may not have.
 */
export function copyArtifacts(report: Report, dir: string): Report {
  if (!report.rootCauses.some((cause) => cause.artifacts)) return report
  const rootCauses = report.rootCauses.map((cause): ReportRootCause => {
    if (!cause.artifacts) return cause
    const artifacts: NonNullable<ReportRootCause['artifacts']> = {}
    for (const kind of ['screenshot', 'trace'] as const) {
      const source = cause.artifacts[kind]
      if (source === undefined) continue
      if (!isAbsolute(source)) {
        // Already relative (a report written before): keep it when the file is there.
        if (artifactPath(dir, source)) artifacts[kind] = source
        continue
      }
      if (!isFile(source)) continue
      const name = `${cause.id.replace(/[^\w.-]+/g, '-')}-${basename(source)}`
      mkdirSync(join(dir, ARTIFACTS_DIR), { recursive: true })
      copyFileSync(source, join(dir, ARTIFACTS_DIR, name))
      artifacts[kind] = `${ARTIFACTS_DIR}/${name}`
    }
    const { artifacts: _absolute, ...rest } = cause
    return Object.keys(artifacts).length > 0 ? { ...rest, artifacts } : rest
  })
  return { ...report, rootCauses }
}

/**
 * The file of `artifacts/<file>` under a report folder; anything else (an absolute path, `..`, a
 * sub-folder) is absent, so a crafted report.json cannot pull other files into a page.
 */
function artifactPath(dir: string, relativePath: string): string | undefined {
  const match = /^artifacts\/([\w-][\w.-]*)$/.exec(relativePath)
  if (!match) return undefined
  const file = join(dir, ARTIFACTS_DIR, match[1]!)
  return isFile(file) ? file : undefined
}

/**
 * Reads an artifact of a report folder for the HTML page, at most `maxBytes` of it (enough for
 * the page to tell an embeddable screenshot from one too large to embed).
 */
export function artifactReader(
  dir: string,
  maxBytes = MAX_EMBEDDED_SCREENSHOT_BYTES + 1,
): (relativePath: string) => Uint8Array | undefined {
  return (relativePath) => {
    const file = artifactPath(dir, relativePath)
    if (!file) return undefined
    const buffer = Buffer.alloc(Math.min(maxBytes, statSync(file).size))
    const fd = openSync(file, 'r')
    try {
      const read = readSync(fd, buffer, 0, buffer.length, 0)
      return buffer.subarray(0, read)
    } finally {
      closeSync(fd)
    }
  }
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile()
}

/** The default output folder: reports/runs/<timestamp>/ (git-ignored). */
export function defaultOutDir(now = new Date()): string {
  return join('reports', 'runs', now.toISOString().replace(/[:.]/g, '-'))
}
