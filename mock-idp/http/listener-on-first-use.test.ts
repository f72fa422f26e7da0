import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { type ListenerOnFirstUse, listenerOnFirstUse } from './listener-on-first-use.js'
import { loadOnce } from './load-once.js'

// Real requests on a real port: the helper stands between Node's server and a listener imported
// on first use (server.ts), so what matters is what a client receives.

let server: Server | undefined
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

async function serve(onFirstUse: ListenerOnFirstUse): Promise<string> {
  server = createServer(onFirstUse.listener)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

const answer =
  (text: string): RequestListener =>
  (_request, response) =>
    response.end(text)
const failed = (response: ServerResponse, error: unknown) =>
  response.writeHead(500).end(`failed: ${error instanceof Error ? error.message : String(error)}`)

it('imports once for the requests that arrive while it loads, then serves them all', async () => {
  let imports = 0
  let release!: () => void
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  const onFirstUse = listenerOnFirstUse(async () => {
    imports++
    await gate
    return answer('served')
  }, failed)
  const url = await serve(onFirstUse)

  const waiting = Array.from({ length: 5 }, () => fetch(url).then((response) => response.text()))
  // The five are all waiting on one import.
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(onFirstUse.loaded()).toBe(false)
  release()
  expect(await Promise.all(waiting)).toEqual(Array(5).fill('served'))
  expect(onFirstUse.loaded()).toBe(true)
  expect(await (await fetch(url)).text()).toBe('served')
  expect(imports).toBe(1)
})

it('answers a failed import as a server error and tries again on the next request', async () => {
  let attempts = 0
  const onFirstUse = listenerOnFirstUse(async () => {
    attempts++
    if (attempts === 1) throw new Error('module not found')
    return answer('served after a retry')
  }, failed)
  const url = await serve(onFirstUse)

  const first = await fetch(url)
  expect(first.status).toBe(500)
  expect(await first.text()).toBe('failed: module not found')
  expect(onFirstUse.loaded()).toBe(false)

  const second = await fetch(url)
  expect(second.status).toBe(200)
  expect(await second.text()).toBe('served after a retry')
  expect(attempts).toBe(2)
})

it('loadOnce shares one import among concurrent callers and forgets a failure', async () => {
  let calls = 0
  const load = loadOnce(async () => {
    calls++
    if (calls === 1) throw new Error('transient')
    return calls
  })
  const [a, b] = await Promise.allSettled([load(), load()])
  expect(a.status).toBe('rejected')
  expect(b.status).toBe('rejected')
  expect(calls).toBe(1)
  expect(await Promise.all([load(), load()])).toEqual([2, 2])
  expect(await load()).toBe(2)
  expect(calls).toBe(2)
})
