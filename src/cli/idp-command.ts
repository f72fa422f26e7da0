/** `codeflow idp` for commander: the command, its options (idp-options.ts) and its help. */
import type { Command } from './commander.js'
import { IDP_OPTIONS, type IdpOptions } from './idp-options.js'
import { runIdp } from './idp-run.js'

export function registerIdpCommand(program: Command, action: (options: IdpOptions) => Promise<void> = runIdp): void {
  const command = program.command('idp').description('start the mock identity provider')
  for (const option of IDP_OPTIONS) {
    if (option.value) command.option(option.flags, option.description, option.value)
    else command.option(option.flags, option.description)
  }
  command
    .addHelpText(
      'after',
      `
Environment: CODEFLOW_IDP_CONFIG, CODEFLOW_IDP_ISSUER, CODEFLOW_IDP_HOST, CODEFLOW_IDP_PORT, CODEFLOW_IDP_SEED,
CODEFLOW_IDP_STORE, and any option by path, e.g. CODEFLOW_IDP__tokens__accessTokenTtl=300. Flags win over the environment,
which wins over the file.`,
    )
    .action(action)
}
