/**
 * Splits `app.command` into argv without a shell: whitespace separates words, "…" and '…' quote
 * (a backslash escapes the next character outside single quotes). No globbing, no variables, no
 * pipes: what the file says is exactly what runs.
 */

export class CommandLineError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CommandLineError'
  }
}

export function splitArgv(command: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: '"' | "'" | undefined
  for (let index = 0; index < command.length; index++) {
    const char = command[index]!
    if (quote) {
      if (char === quote) quote = undefined
      else if (char === '\\' && quote === '"' && index + 1 < command.length) word += command[++index]
      else word += char
    } else if (char === '"' || char === "'") {
      quote = char
      inWord = true
    } else if (char === '\\' && index + 1 < command.length) {
      word += command[++index]
      inWord = true
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += char
      inWord = true
    }
  }
  if (quote) throw new CommandLineError(`app.command: unterminated ${quote} quote`)
  if (inWord) words.push(word)
  if (words.length === 0) throw new CommandLineError('app.command: empty command')
  return words
}
