/** `codeflow report`, `codeflow compare`, `codeflow baseline`: work on report.json files. */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { Option } from 'commander'
import { baselineFromReport } from '../../reports/baseline.js'
import { compareReports, hasRegression, renderComparisonMarkdown, renderComparisonText } from '../../reports/compare.js'
import { EXIT } from '../../reports/gate.js'
import { parseReport, ReportError } from '../../reports/parse-report.js'
import { renderHtml } from '../../reports/render-html.js'
import { renderJunit } from '../../reports/render-junit.js'
import { renderMarkdown } from '../../reports/render-markdown.js'
import type { Report } from '../../reports/schema.js'
import { artifactReader } from '../../reports/write-reports.js'

export function readReport(file: string): Report {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ReportError(`cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ReportError(`"${file}" is not JSON: ${(error as Error).message}`)
  }
  return parseReport(json, file)
}

function output(text: string, file: string | undefined): void {
  if (file) writeFileSync(file, text)
  else process.stdout.write(text)
}

export function registerReportCommands(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('report')
    .description('re-render a report.json as HTML, JUnit or Markdown')
    .argument('<report.json>', 'a report written by codeflow run')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['html', 'junit', 'md', 'json']).default('md'),
    )
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action((file: string, options: { format: string; output?: string }) => {
      const report = readReport(file)
      const render = {
        // The screenshot of a root cause sits in artifacts/ beside the report.json.
        html: (r: Report) => renderHtml(r, { readArtifact: artifactReader(dirname(file)) }),
        junit: renderJunit,
        md: renderMarkdown,
        json: (r: Report) => `${JSON.stringify(r, null, 2)}\n`,
      }[options.format as 'html' | 'junit' | 'md' | 'json']
      output(render(report), options.output)
    })

  program
    .command('compare')
    .description('show what regressed, what got fixed and what changed between two reports; exit 1 on a regression')
    .argument('<old.json>')
    .argument('<new.json>')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'md']).default('text'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action((before: string, after: string, options: { format: string; output?: string }) => {
      const comparison = compareReports(readReport(before), readReport(after))
      output(
        options.format === 'md' ? renderComparisonMarkdown(comparison) : renderComparisonText(comparison),
        options.output,
      )
      setExitCode(hasRegression(comparison) ? EXIT.nonConformant : EXIT.conformant)
    })

  program
    .command('baseline')
    .description(
      'write a baseline (waivers) that accepts every current finding of a report; edit the reasons and expiry dates',
    )
    .argument('<report.json>')
    .option('-r, --reason <text>', 'the reason written on every waiver', 'accepted when the baseline was created')
    .option('-e, --expires <YYYY-MM-DD>', 'the last day the waivers apply')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action((file: string, options: { reason: string; expires?: string; output?: string }) => {
      if (options.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.expires)) {
        throw new ReportError(`--expires must be a date YYYY-MM-DD, got "${options.expires}"`)
      }
      const baseline = baselineFromReport(readReport(file), options.reason)
      if (options.expires) for (const waiver of baseline.waivers) waiver.expires = options.expires
      output(`${JSON.stringify(baseline, null, 2)}\n`, options.output)
    })
}
