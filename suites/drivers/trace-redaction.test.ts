import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { readZip, redactTraceZip, writeZip } from './trace-redaction.js'

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])

it('reads back the entries it wrote, names and bytes intact', () => {
  const entries = [
    { name: 'trace.trace', data: Buffer.from('{"type":"before"}\n{"type":"after"}\n') },
    { name: 'resources/ü-image.png', data: PNG_HEADER },
    { name: 'empty', data: Buffer.alloc(0) },
  ]
  expect(readZip(writeZip(entries))).toEqual(entries)
})

it('refuses a file that is not a zip', () => {
  expect(() => readZip(Buffer.from('not a zip at all, just some text long enough'))).toThrow(/not a zip/)
})

it('removes the password from every text entry, in its JSON-escaped spelling too, and redacts codes', async () => {
  const password = 'pa"ss\\word'
  const dir = await mkdtemp(join(tmpdir(), 'codeflow-trace-test-'))
  const path = join(dir, 'trace.zip')
  const action = JSON.stringify({ method: 'fill', params: { selector: '#pw', value: password } })
  const body = `username=alice&password=${encodeURIComponent(password)}`
  const callback = '{"url":"https://client.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"}'
  await writeFile(
    path,
    writeZip([
      { name: 'trace.trace', data: Buffer.from(`${action}\n${callback}\n`) },
      { name: 'resources/post-body', data: Buffer.from(body) },
      { name: 'resources/screenshot.png', data: PNG_HEADER },
    ]),
  )
  await redactTraceZip(path, [password])
  const entries = readZip(await readFile(path))
  const text = entries.map((entry) => entry.data.toString('utf8')).join('\n')
  expect(text).not.toContain(JSON.stringify(password).slice(1, -1))
  expect(text).not.toContain(encodeURIComponent(password))
  expect(text).not.toContain('SplxlOBeZQQYbYS6WxSbIA')
  expect(text).toContain('#pw')
  expect(text).toContain('state=xyz')
  expect(entries.find((entry) => entry.name === 'resources/screenshot.png')?.data).toEqual(PNG_HEADER)
})
