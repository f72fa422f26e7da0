import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { NavigationError, navigationFetch } from './navigation-fetch.js'

let server: Server | undefined
afterEach(async () => {
  server?.close()
  server = undefined
})

/** A raw TCP server: answers each connection with `answer(request head)` and closes it. */
async function rawServer(answer: (head: string) => string): Promise<{ url: string; heads: string[] }> {
  const heads: string[] = []
  server = createServer((socket: Socket) => {
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
      if (!received.includes('\r\n\r\n')) return
      const head = received.slice(0, received.indexOf('\r\n\r\n'))
      heads.push(head)
      socket.end(answer(head))
    })
    socket.on('error', () => {})
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address() as { port: number }
  return { url: `http://127.0.0.1:${address.port}/protected/`, heads }
}

it('sends the headers of a top-level navigation, not those of a script', async () => {
  const { url, heads } = await rawServer(() => 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
  const response = await navigationFetch(url)
  expect(await response.text()).toBe('ok')
  const head = heads[0]!.toLowerCase()
  expect(head).toContain('sec-fetch-mode: navigate')
  expect(head).toContain('sec-fetch-dest: document')
  expect(head).toContain('accept: text/html')
  expect(head).not.toContain('sec-fetch-mode: cors')
})

it('keeps the first complete response when the server writes a second one after it', async () => {
  const page = '<p>Error: OpenID Connect Provider error</p>'
  const trailing = 'HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\n\r\nboom!'
  const { url } = await rawServer(
    () => `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${page.length}\r\n\r\n${page}${trailing}`,
  )
  const response = await navigationFetch(url)
  expect(response.status).toBe(200)
  expect(await response.text()).toBe(page)
})

it('reports a response cut short before its declared length as an error', async () => {
  const { url } = await rawServer(() => 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this')
  await expect(navigationFetch(url)).rejects.toThrow()
})

it('does not follow redirects and sends the form body it is given', async () => {
  const { url, heads } = await rawServer(
    () => 'HTTP/1.1 302 Found\r\nLocation: /next\r\nSet-Cookie: a=1\r\nContent-Length: 0\r\n\r\n',
  )
  const response = await navigationFetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'username=alice',
  })
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe('/next')
  expect(response.headers.getSetCookie()).toEqual(['a=1'])
  expect(heads[0]).toMatch(/^POST \/protected\/ HTTP\/1\.1/)
  expect(heads[0]!.toLowerCase()).toContain('content-length: 14')
})

it('gives up when the signal aborts and refuses URLs that are not http or https', async () => {
  const { url } = await rawServer(() => 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
  const aborted = AbortSignal.abort(new Error('the sign-in timed out'))
  await expect(navigationFetch(url, { signal: aborted })).rejects.toThrow('the sign-in timed out')
  await expect(navigationFetch('file:///etc/passwd')).rejects.toThrow(NavigationError)
})
