/**
 * commander, loaded with `require`. It is a CommonJS package: imported from an ES module, Node
 * first scans its source for the names it exports (cjs-module-lexer), which `require` skips —
 * about 5 ms of CPU on every start of `codeflow`, the mock's start-up among them
 * (docs/performance.md). The same classes either way; the CLI imports them from here.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const commander = require('commander') as typeof import('commander')

export const Command = commander.Command
export type Command = import('commander').Command
export const CommanderError = commander.CommanderError
export type CommanderError = import('commander').CommanderError
export const InvalidArgumentError = commander.InvalidArgumentError
