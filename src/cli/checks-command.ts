/** `codeflow checks`: the catalog (id, level, area, spec, title), as a table or JSON. */
import type { Command } from 'commander'

export function registerChecksCommand(program: Command): void {
  program
    .command('checks')
    .description('list the checks of the conformance suite')
    .option('--json', 'print JSON (with the not-applicable catalog rows)')
    .option('--only <selector>', 'only these areas, check ids or id prefixes (comma-separated)')
    .action(async (options: { json?: boolean; only?: string }) => {
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
