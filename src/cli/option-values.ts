/**
 * Parsers of option values the commands share. A bad value throws InvalidOptionValue, which
 * commander reports like its own InvalidArgumentError (it goes by the error's code; exit 2). No
 * commander import here: `codeflow idp` reads a plain command line without it (idp-options.ts).
 */

/** A value an option refuses: commander recognises the code and prefixes the option's name. */
export class InvalidOptionValue extends Error {
  readonly code = 'commander.invalidArgument'
  readonly exitCode = 1
}

/** A repeatable, comma-separated option: `--only a,b --only c` → ['a', 'b', 'c']. */
export function commaList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ]
}

export function positiveInt(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidOptionValue('must be a positive integer')
  return n
}

export function portNumber(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidOptionValue('must be an integer from 0 to 65535')
  return port
}
