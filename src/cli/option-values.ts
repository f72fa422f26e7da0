/** Parsers of option values the commands share; a bad value is commander's InvalidArgumentError (exit 2). */
import { InvalidArgumentError } from './commander.js'

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
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer')
  return n
}
