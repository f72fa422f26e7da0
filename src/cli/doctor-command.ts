/**
 * `codeflow doctor --target F`: the preflight of `codeflow run`, printed step by step — can the
 * suite reach discovery and the JWK Set, and sign in for each client and each user? — so a target
 * file can be put right in seconds. Without --target, the embedded mock IdP.
 * Exit codes: 0 the suite can drive the target, 2 it cannot (the last line says why).
 */
import { dirname, resolve } from 'node:path'
import type { Command } from 'commander'
import { EXIT } from '../../reports/gate.js'

export interface DoctorOptions {
  target?: string
}

export function registerDoctorCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('doctor')
    .description(
      'check that the suite can drive a server: discovery, JWKS and one login per client and user, step by step',
    )
    .option('-T, --target <file>', 'target file (JSON); default: the embedded mock IdP')
    .addHelpText('after', '\nExit codes: 0 the suite can drive the target, 2 it cannot (the last line says why).')
    .action(async (options: DoctorOptions) => {
      setExitCode(await doctor(options))
    })
}

export async function doctor(
  options: DoctorOptions,
  io: { out(text: string): void } = { out: (text) => process.stdout.write(text) },
): Promise<number> {
  const [{ preflight }, { loadTargetFile, parseTargetFile }, { renderPreflight }] = await Promise.all([
    import('../../suites/run/preflight.js'),
    import('../../suites/harness/target.js'),
    import('./preflight-text.js'),
  ])
  if (options.target) {
    const target = loadTargetFile(options.target)
    const report = await preflight(target, dirname(resolve(options.target)))
    io.out(renderPreflight(report, `codeflow doctor ${options.target}`))
    return report.ok ? EXIT.conformant : EXIT.runFailed
  }
  const { createMockIdp } = await import('../../mock-idp/index.js')
  const idp = await createMockIdp({ log: { level: 'silent' } })
  try {
    const report = await preflight(parseTargetFile(idp.targetFile()), process.cwd())
    io.out(renderPreflight(report, `codeflow doctor (embedded mock IdP at ${idp.url})`))
    return report.ok ? EXIT.conformant : EXIT.runFailed
  } finally {
    await idp.close()
  }
}
