import { expect, it } from 'vitest'
import { splitArgv } from './split-argv.js'

it('splits a command on whitespace', () => {
  expect(splitArgv('node  examples/app.js --port 3000')).toEqual(['node', 'examples/app.js', '--port', '3000'])
})

it('keeps quoted words whole and drops the quotes', () => {
  expect(splitArgv(`python3 -c "print('a b')" 'x "y"'`)).toEqual(['python3', '-c', "print('a b')", 'x "y"'])
})

it('keeps an empty quoted word', () => {
  expect(splitArgv('app "" end')).toEqual(['app', '', 'end'])
})

it('passes shell syntax through as plain words, never interpreting it', () => {
  expect(splitArgv('node app.js; rm -rf $HOME | cat')).toEqual(['node', 'app.js;', 'rm', '-rf', '$HOME', '|', 'cat'])
})

it('rejects an unterminated quote with the key it came from', () => {
  expect(() => splitArgv('node "app.js')).toThrow('app.command: unterminated " quote')
})

it('rejects an empty command', () => {
  expect(() => splitArgv('   ')).toThrow('app.command: empty command')
})
