/**
 * A small leveled logger. Everything logged goes through `redact` first: secrets, passwords,
 * codes and tokens never reach a log line.
 */
import { redactText } from '../core/redact.js'

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug'
const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 }

export interface Logger {
  error(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown): void
  info(message: string, detail?: unknown): void
  debug(message: string, detail?: unknown): void
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const at = (wanted: LogLevel) => (message: string, detail?: unknown) => {
    if (ORDER[level] < ORDER[wanted]) return
    const suffix = detail === undefined ? '' : ` ${typeof detail === 'string' ? detail : safeJson(detail)}`
    write(redactText(`[codeflow-idp] ${wanted} ${message}${suffix}`))
  }
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value instanceof Error ? { name: value.name, message: value.message } : value)
  } catch {
    return String(value)
  }
}
