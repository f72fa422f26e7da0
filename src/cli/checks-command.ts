/** `codeflow checks`: the catalog (id, level, area, spec, title), as a table or JSON; `--client` lists the client checks. */
import type { Command } from 'commander'

export function registerChecksCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('checks')
    .description('list the checks of the conformance suite')
    .option('--json', 'print JSON (with the not-applicable catalog rows)')
    .option('--only <selector>', 'only these areas, check ids or id prefixes (comma-separated)')
    .option('--client', 'list the client checks of `codeflow client` instead (docs/client-checks.md)')
    .action(async (options: { json?: boolean; only?: string; client?: boolean }) => {
      if (options.client) return setExitCode(await listClientChecks(options))
      // Loaded on demand: the catalog is ~200 modules that `codeflow idp` never needs.
      const { checks, notApplicable, selectChecks } = await import('../../suites/catalog.js')
      const { checkTags } = await import('../../suites/run/tags.js')
      const only = (options.only ?? '').split(',').filter(Boolean)
      const listed = selectChecks(checks, only)
      if (options.json) {
        const json = {
          checks: listed.map(({ id, level, area, spec, title, coveredBy }) => ({
            id,
            level,
            area,
            spec,
            title,
            tags: checkTags({ level, area, spec }),
            ...(coveredBy ? { coveredBy } : {}),
          })),
          notApplicable,
        }
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
        return
      }
      const idWidth = Math.max(2, ...listed.map((check) => check.id.length))
      const rows = listed.map(
        (check) =>
          `${check.id.padEnd(idWidth)}  ${check.level.padEnd(6)}  ${check.area.padEnd(13)}  ${check.spec.join(',').padEnd(24)}  ${check.title}`,
      )
      process.stdout.write(
        `${['id'.padEnd(idWidth), 'level ', 'area'.padEnd(13), 'spec'.padEnd(24), 'title'].join('  ')}\n${rows.join('\n')}\n${listed.length} checks\n`,
      )
    })
}

/** The client catalog: what `codeflow client` checks, with its kind and what it arms at the mock. */
async function listClientChecks(options: { json?: boolean; only?: string }): Promise<number> {
  const { clientChecks, selectClientChecks } = await import('../../client/checks/catalog.js')
  const { describeArming } = await import('../../client/checks/client-check.js')
  const only = (options.only ?? '').split(',').filter(Boolean)
  const { selected, unknown } = selectClientChecks(clientChecks, only)
  if (unknown.length > 0) {
    process.stderr.write(`codeflow: --only matches no client check: ${unknown.join(', ')}\n`)
    return 2
  }
  const rows = selected.map(({ id, kind, level, area, spec, title, oidf }) => ({
    id,
    kind,
    level,
    area,
    spec,
    title,
    oidf,
    arms: describeArming(selected.find((check) => check.id === id)!),
  }))
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ checks: rows }, null, 2)}\n`)
    return 0
  }
  const idWidth = Math.max(2, ...rows.map((row) => row.id.length))
  const lines = rows.map(
    (row) => `${row.id.padEnd(idWidth)}  ${row.level.padEnd(6)}  ${row.kind.padEnd(11)}  ${row.title}`,
  )
  process.stdout.write(
    `${['id'.padEnd(idWidth), 'level ', 'kind'.padEnd(11), 'title'].join('  ')}\n${lines.join('\n')}\n${rows.length} client checks\n`,
  )
  return 0
}
