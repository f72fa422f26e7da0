/**
 * A tiny round-robin HTTP load balancer for the several-instances bench (several-instances.ts):
 * each request goes to the next upstream in turn, over keep-alive connections, with the body
 * streamed both ways and nothing rewritten (the instances all serve the balancer's URL as their
 * issuer). Run as its own process so its CPU is not the load generator's:
 *
 *   node --import tsx bench/balancer.ts <port> <upstream-url> [<upstream-url> …]
 *
 * Prints `listening <port>` once it accepts connections.
 */
import { Agent, createServer, request } from 'node:http'

const [portArg, ...upstreams] = process.argv.slice(2)
if (!portArg || upstreams.length === 0) {
  process.stderr.write('usage: balancer.ts <port> <upstream-url> [<upstream-url> …]\n')
  process.exit(2)
}
const targets = upstreams.map((url) => new URL(url))
const agent = new Agent({ keepAlive: true, maxSockets: 256 })
let next = 0

const server = createServer((incoming, outgoing) => {
  const target = targets[next++ % targets.length]!
  const proxied = request(
    {
      agent,
      hostname: target.hostname,
      port: target.port,
      method: incoming.method,
      path: incoming.url,
      headers: incoming.headers,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders)
      answer.pipe(outgoing)
    },
  )
  proxied.on('error', (error) => {
    if (!outgoing.headersSent) outgoing.writeHead(502, { 'Content-Type': 'text/plain' })
    outgoing.end(`balancer: upstream ${target.host} failed: ${error.message}`)
  })
  incoming.pipe(proxied)
})
server.keepAliveTimeout = 30_000
server.listen(Number(portArg), '127.0.0.1', () => process.stdout.write(`listening ${portArg}\n`))
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0))
process.on('disconnect', () => process.exit(0))
