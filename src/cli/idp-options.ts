/**
 * The options of `codeflow idp`, declared once. commander builds the command, its help and its
 * errors from this table (idp-command.ts); a plain command line — only these options, every value
 * valid — is read here with Node's own `parseArgs` instead, so that the mock starts without
 * loading commander (about 7 ms of its start-up, docs/performance.md). Anything else (help, a
 * typo, a bad value) goes to commander, which explains it. idp-options.test.ts holds the two
 * readings equal.
 */
import { parseArgs } from 'node:util'
import { commaList, InvalidOptionValue, portNumber } from './option-values.js'

export interface IdpOptions {
  config?: string
  port?: number
  host?: string
  issuer?: string
  seed?: string
  logLevel?: string
  printTarget?: boolean
  writeTarget?: string
  quiet?: boolean
  behaviour?: string[]
  allowRequestBehaviours?: boolean
  listBehaviours?: boolean
  json?: boolean
  control?: boolean
  controlToken?: string
  store?: string
}

export interface IdpOption {
  /** As commander takes them: `-p, --port <n>`. */
  flags: string
  description: string
  /** Turns the value into the option's (throws InvalidOptionValue); `previous` for a repeatable option. */
  value?: (raw: string, previous?: unknown) => unknown
}

export const IDP_OPTIONS: IdpOption[] = [
  { flags: '-c, --config <file>', description: 'JSON config file (also CODEFLOW_IDP_CONFIG)' },
  { flags: '-p, --port <n>', description: 'port to listen on; 0 picks a free one (default 8080)', value: portNumber },
  { flags: '-H, --host <host>', description: 'interface to listen on (default 127.0.0.1)' },
  { flags: '-i, --issuer <url>', description: 'public issuer URL clients see (default http://{host}:{port})' },
  { flags: '--seed <seed>', description: 'derive every generated value from this seed (byte-stable runs)' },
  { flags: '--log-level <level>', description: 'silent | error | warn | info | debug' },
  { flags: '--print-target', description: "print the mock's own conformance target file (JSON) and exit" },
  {
    flags: '--write-target <file>',
    description: 'once listening, write the target file (with the real port) to <file>',
  },
  { flags: '-q, --quiet', description: 'do not print the start-up summary' },
  {
    flags: '-b, --behaviour <ids>',
    description: 'switch on deliberate deviations for every request (comma-separated; repeatable)',
    value: (raw, previous) => commaList(raw, previous as string[] | undefined),
  },
  {
    flags: '--allow-request-behaviours',
    description:
      'let requests switch behaviours on (codeflow-behaviour header, codeflow_behaviour parameter); for test runs, never on a shared mock',
  },
  { flags: '--list-behaviours', description: 'print every behaviour with the rule it breaks and exit' },
  { flags: '--json', description: 'with --list-behaviours: print JSON' },
  { flags: '--control', description: 'serve the HTTP control API under /_codeflow (use, reset, requests, clock)' },
  {
    flags: '--control-token <token>',
    description: 'bearer token the control API requires (needed beyond loopback)',
  },
  {
    flags: '--store <url>',
    description:
      'keep state in Redis (redis://[:password@]host:port/db), shared by several instances behind a load balancer; needs --issuer (also CODEFLOW_IDP_STORE)',
  },
]

interface Flag {
  option: IdpOption
  short?: string
  long: string
  /** The property commander names it by: `--log-level` → `logLevel`. */
  key: keyof IdpOptions
  takesValue: boolean
}

const FLAGS: Flag[] = IDP_OPTIONS.map((option) => {
  const match = /^(?:-(\w), )?--([\w-]+)( <\w+>)?$/.exec(option.flags)
  if (!match) throw new Error(`idp option flags not understood: ${option.flags}`)
  const [, short, long = '', value] = match
  const key = long.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()) as keyof IdpOptions
  return { option, ...(short ? { short } : {}), long, key, takesValue: value !== undefined }
})

/**
 * The options of a plain `codeflow idp` command line (the arguments after `idp`), read as commander
 * would; undefined for anything commander should see (help, an unknown option, an argument, a
 * missing or bad value).
 */
export function readIdpArgs(args: string[]): IdpOptions | undefined {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      tokens: true,
      options: Object.fromEntries(
        FLAGS.map((flag) => [
          flag.long,
          {
            type: flag.takesValue ? 'string' : 'boolean',
            multiple: true,
            ...(flag.short ? { short: flag.short } : {}),
          },
        ]),
      ),
    })
  } catch {
    return undefined
  }
  const options: Record<string, unknown> = {}
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') return undefined
    const flag = FLAGS.find((candidate) => candidate.long === token.name)
    if (!flag) return undefined
    if (!flag.takesValue) {
      // `--quiet=yes` is an error to commander.
      if (token.value !== undefined) return undefined
      options[flag.key] = true
      continue
    }
    // parseArgs takes `-p -1` or `--port --quiet` only when the value is joined (`--port=-1`); commander decides those.
    if (token.value === undefined || (token.inlineValue !== true && token.value.startsWith('-'))) return undefined
    try {
      options[flag.key] = flag.option.value ? flag.option.value(token.value, options[flag.key]) : token.value
    } catch (error) {
      if (error instanceof InvalidOptionValue) return undefined
      throw error
    }
  }
  return options as IdpOptions
}
