/** `--baseline <file>` of `codeflow run` and `codeflow client`: a missing or invalid file stops the run before it starts (exit 2), naming it. */
import { readFileSync } from 'node:fs'
import { type Baseline, parseBaseline } from '../../reports/baseline.js'

export function readBaselineFile(file: string): Baseline {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`--baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  return parseBaseline(json, `--baseline ${file}`)
}
