import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { HttpClient, type RequestLoad } from './http-client.js'
import { RequestGate } from './request-gate.js'

/**
 * A server that answers `/barrier/<n>` only once n such requests are waiting (so it proves they
 * were in flight together), and counts the most requests it ever had at once.
 */
let url: string
let inFlight = 0
let mostInFlight = 0
const waiting: ServerResponse[] = []
/** Leaves the count before the answer goes out: the client cannot have it, and send again, earlier. */
function answer(response: ServerResponse, body: string): void {
  inFlight--
  response.end(body)
}
const server = createServer((request, response) => {
  inFlight++
  mostInFlight = Math.max(mostInFlight, inFlight)
  const barrier = /^\/barrier\/(\d+)$/.exec(request.url ?? '')
  if (!barrier) {
    setImmediate(() => answer(response, 'ok'))
    return
  }
  waiting.push(response)
  if (waiting.length >= Number(barrier[1])) for (const held of waiting.splice(0)) answer(held, 'together')
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function client(gate: RequestGate, loads: RequestLoad[] = []): HttpClient {
  return new HttpClient({ timeoutMs: 5000, secrets: [], gate, onExchange: (_, load) => load && loads.push(load) })
}

it('sends one request at a time through a serial gate, however many are started', async () => {
  mostInFlight = 0
  const loads: RequestLoad[] = []
  const http = client(RequestGate.create(1), loads)
  await Promise.all(Array.from({ length: 6 }, (_, n) => http.send({ url: `${url}/plain/${n}`, label: `request ${n}` })))
  expect(mostInFlight).toBe(1)
  expect(loads.map((load) => load.overlapping)).toEqual([1, 1, 1, 1, 1, 1])
})

it('lets a declared burst reach the server all at once even when serial, and says so', async () => {
  const loads: RequestLoad[] = []
  const http = client(RequestGate.create(1), loads)
  // Answered only when all three are waiting at the server: serialised, they would time out.
  const answers = await http.simultaneously('code.concurrent-redeem', () =>
    Promise.all([1, 2, 3].map((n) => http.send({ url: `${url}/barrier/3`, label: `redeem ${n}` }))),
  )
  expect(answers.map((answer) => answer.text)).toEqual(['together', 'together', 'together'])
  expect(loads.every((load) => load.simultaneous === 'code.concurrent-redeem' && load.overlapping === 3)).toBe(true)
})

it('keeps requests from elsewhere out while a burst runs', async () => {
  mostInFlight = 0
  const http = client(RequestGate.create())
  const order: string[] = []
  let burstStarted: () => void = () => {}
  const started = new Promise<void>((resolve) => {
    burstStarted = resolve
  })
  const burst = http.simultaneously('rt.concurrent-refresh', async () => {
    burstStarted()
    await Promise.all([1, 2].map((n) => http.send({ url: `${url}/barrier/2`, label: `refresh ${n}` })))
    order.push('burst done')
  })
  await started
  const late = http.send({ url: `${url}/plain/late`, label: 'late' }).then(() => order.push('late'))
  await Promise.all([burst, late])
  expect(order).toEqual(['burst done', 'late'])
  expect(mostInFlight).toBe(2)
})

it('counts a login held with occupy as one request in flight, its own requests passing', async () => {
  mostInFlight = 0
  const http = client(RequestGate.create(1))
  const order: string[] = []
  await Promise.all([
    http.occupy(async () => {
      order.push('login starts')
      await http.send({ url: `${url}/plain/login-1`, label: 'login 1' })
      await http.send({ url: `${url}/plain/login-2`, label: 'login 2' })
      order.push('login ends')
    }),
    http.send({ url: `${url}/plain/other`, label: 'other' }).then(() => order.push('other')),
  ])
  expect(order).toEqual(['login starts', 'login ends', 'other'])
  expect(mostInFlight).toBe(1)
})

it('counts a browser login (opaque: its requests are not seen) as one request in flight for the others', async () => {
  const loads: RequestLoad[] = []
  const http = client(RequestGate.create(), loads)
  let finishLogin: () => void = () => {}
  let loginStarted: () => void = () => {}
  const started = new Promise<void>((resolve) => {
    loginStarted = resolve
  })
  const login = http.occupy(
    () =>
      new Promise<void>((resolve) => {
        finishLogin = resolve
        loginStarted()
      }),
    { opaque: true },
  )
  await started
  await http.send({ url: `${url}/plain/during`, label: 'during the login' })
  finishLogin()
  await login
  await http.send({ url: `${url}/plain/after`, label: 'after the login' })
  expect(loads.map((load) => load.overlapping)).toEqual([2, 1])
})
