/**
 * A web-standard Request as the request stages read it (a RequestSource, parsed-request.ts): what
 * the Hono app serves, in-process (msw, Playwright's `page.route`) or behind @hono/node-server.
 */
import { RawHeaderLines } from './header-list.js'
import { BodyNotReceived, type DroppableSocket, type RequestSource } from './parsed-request.js'

/** What the stages read of the Node request behind the web one, when Node serves it (@hono/node-server's `env.incoming`). */
export interface NodeRequest {
  /** What a `drop` fault destroys. */
  socket?: DroppableSocket
  /** As received: the recorded headers are read from these (http/header-list.ts). */
  rawHeaders?: string[]
}

/** A web-standard Request; `node`, when Node received it (@hono/node-server's `env.incoming`). */
export function webRequestSource(request: Request, node?: NodeRequest): RequestSource {
  return {
    method: request.method,
    url: request.url,
    headers: request.headers,
    readBody: (limit) => readWebBody(request, limit),
    // Read from Node's raw headers when there are some, rather than from the web Request's, which
    // @hono/node-server would build for this alone.
    headerList: () => (node?.rawHeaders ? new RawHeaderLines(node.rawHeaders) : request.headers),
    ...(node?.socket ? { socket: node.socket } : {}),
  }
}

const DIGITS = /^\d+$/

async function readWebBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  const length = request.headers.get('content-length')
  if (length !== null && DIGITS.test(length)) {
    // A declared length (checked against the limit by the parser): read in one go (Node's HTTP
    // parser never delivers more than Content-Length bytes; the size is checked again all the same).
    return new Uint8Array(await request.arrayBuffer().catch(bodyNotReceived))
  }
  if (!request.body) return undefined
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read().catch(bodyNotReceived)
    if (done) break
    total += value.byteLength
    chunks.push(value)
    if (total > limit) {
      await reader.cancel().catch(() => {})
      break
    }
  }
  return Buffer.concat(chunks)
}

/** A failed body read (the client went away mid-upload) becomes the typed error. */
function bodyNotReceived(): never {
  throw new BodyNotReceived()
}
