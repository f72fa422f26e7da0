import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Command } from './commander.js'
import { registerIdpCommand } from './idp-command.js'
import { IDP_OPTIONS, type IdpOptions, readIdpArgs } from './idp-options.js'

/** What commander makes of `codeflow idp <args>`: the options the action gets, or the error it reports. */
async function byCommander(args: string[]): Promise<{ options?: IdpOptions; error?: string }> {
  let options: IdpOptions | undefined
  const program = new Command()
    .name('codeflow')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
  registerIdpCommand(program, async (received) => {
    options = { ...received }
  })
  program.commands[0]!.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} })
  try {
    await program.parseAsync(['node', 'codeflow', 'idp', ...args])
    return { options: options! }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/** Each option's spellings: `--port 80`, `--port=80`, `-p 80`, `-p80`, as commander takes them. */
function spellings(flags: string, value: string | undefined): string[][] {
  const [, short, long] = /^(?:-(\w), )?--([\w-]+)/.exec(flags)!
  if (value === undefined) return [[`--${long}`], ...(short ? [[`-${short}`]] : [])]
  return [[`--${long}`, value], [`--${long}=${value}`], ...(short ? [[`-${short}`, value], [`-${short}${value}`]] : [])]
}

const values = fc.oneof(
  fc.constantFrom('8080', '0', '65535', '65536', '-1', 'abc', '', 'a,b', ' x , y ,', 'debug', 'https://op.example'),
  fc.string({ maxLength: 12 }),
)

/** One option of the table, with a value when it takes one, in one of its spellings. */
const anOption = fc.tuple(fc.constantFrom(...IDP_OPTIONS), values, fc.nat()).map(([option, value, pick]) => {
  const forms = spellings(option.flags, option.flags.includes('<') ? value : undefined)
  return forms[pick % forms.length]!
})

/** Anything else a user may type: help, a typo, an argument, a bare dash. */
const noise = fc.constantFrom(['--help'], ['-h'], ['--prot', '80'], ['extra'], ['-'], ['--'], ['-qx'], ['--quiet=yes'])

describe('`codeflow idp` options read without commander', () => {
  it('equal what commander reads, for every command line it accepts', async () => {
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 9, arbitrary: anOption }, { weight: 1, arbitrary: noise }), { maxLength: 6 }),
        async (parts) => {
          const args = parts.flat()
          const fast = readIdpArgs(args)
          if (fast === undefined) return
          accepted++
          const commander = await byCommander(args)
          expect(commander.error, `commander refused ${JSON.stringify(args)}`).toBeUndefined()
          expect(fast).toEqual(commander.options)
        },
      ),
      { numRuns: 400, seed: 20261207 },
    )
    // The property says something only about the lines it reads itself.
    expect(accepted).toBeGreaterThan(100)
  })

  it('reads the command lines people type', async () => {
    for (const args of [
      [],
      ['--port', '8080'],
      ['-p', '0', '-q'],
      ['--port=9400', '--issuer', 'https://op.example', '--log-level', 'debug'],
      ['-b', 'a,b', '--behaviour', 'c', '--allow-request-behaviours'],
      ['--control', '--control-token', 's3cret', '--store', 'redis://127.0.0.1:6379/0'],
      ['-c', 'idp.json', '--seed', 'fixed', '--write-target', 'target.json'],
    ]) {
      const fast = readIdpArgs(args)
      expect(fast, JSON.stringify(args)).toBeDefined()
      expect(fast).toEqual((await byCommander(args)).options)
    }
    expect(readIdpArgs(['-b', 'a,b', '-b', ' c ,'])).toEqual({ behaviour: ['a', 'b', 'c'] })
  })

  it('leaves to commander what needs its help or its error message', async () => {
    for (const args of [
      ['--help'],
      ['-h'],
      ['--version'],
      ['--prot', '80'],
      ['--port', '65536'],
      ['--port', 'abc'],
      ['--port'],
      ['--port', '-q'],
      ['serve'],
      ['--quiet=yes'],
    ]) {
      expect(readIdpArgs(args), JSON.stringify(args)).toBeUndefined()
    }
    expect((await byCommander(['--port', '65536'])).error).toMatch(/must be an integer from 0 to 65535/)
  })
})
