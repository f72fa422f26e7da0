/**
 * The reference for the mock's start-up: a bare Node `http` server answering `{}` to every
 * request, started the way `codeflow idp` is (`node <script> <port>`). With `--web-response` it
 * builds each answer as a web `Response` first, as every fetch-style server (Hono, the mock) does:
 * Node loads its fetch implementation on first use of `Response`, a cost no such server avoids.
 * Plain JavaScript so that `node` runs it without a loader, like the built CLI.
 */
import { createServer } from 'node:http'

const port = Number(process.argv[2])
const webResponse = process.argv.includes('--web-response')

createServer(async (_request, response) => {
  const body = webResponse ? await Response.json({}).text() : '{}'
  response.writeHead(200, { 'Content-Type': 'application/json' })
  response.end(body)
}).listen(port, '127.0.0.1')
