import { execFileSync } from 'node:child_process'
import { mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'
import { version } from '../../core/version.js'

// Regression: started through npm's bin symlink (`npx codeflow`), the CLI printed nothing,
// because it compared file names instead of resolving the link.
it('runs when started through a symlink, as npm installs the bin', { timeout: 30_000 }, () => {
  const link = join(mkdtempSync(join(tmpdir(), 'codeflow-bin-')), 'codeflow')
  symlinkSync(resolve('src/cli/main.ts'), link)
  const out = execFileSync(process.execPath, ['--import', 'tsx', link, '--version'], { encoding: 'utf8' })
  expect(out.trim()).toBe(version())
})
