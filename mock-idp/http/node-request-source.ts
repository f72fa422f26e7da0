/**
 * Node's own request as a RequestSource (request-source.ts), read the way the Hono app would see
 * it through @hono/node-server, without building a web Request: its headers as `Headers` reads
 * them (Fetch §2.2, from `rawHeaders`: repeated fields joined, not dropped as Node's `headers`
 * object drops a second Authorization), its body read from the stream within the limit.
 */
import type { IncomingMessage } from 'node:http'
import { RawHeaderLines } from './header-list.js'
import { BodyNotReceived, type RequestHeaders, type RequestSource } from './parsed-request.js'

export function nodeRequestSource(incoming: IncomingMessage, url: string): RequestSource {
  return {
    method: incoming.method ?? 'GET',
    url,
    headers: new RawHeaders(incoming.rawHeaders),
    readBody: (limit) => readNodeBody(incoming, limit),
    headerList: () => new RawHeaderLines(incoming.rawHeaders),
    socket: incoming.socket,
  }
}

const HTTP_WHITESPACE_AROUND = /^[\t\n\r ]+|[\t\n\r ]+$/g

/** `get` and `has` over Node's raw header lines, with `Headers` semantics (header-list.ts lists the same). */
export class RawHeaders implements RequestHeaders {
  constructor(private readonly raw: readonly string[]) {}

  get(name: string): string | null {
    const wanted = name.toLowerCase()
    let value: string | null = null
    for (let i = 0; i + 1 < this.raw.length; i += 2) {
      const field = this.raw[i]!
      if (field.length !== wanted.length || field.toLowerCase() !== wanted) continue
      const line = this.raw[i + 1]!.replace(HTTP_WHITESPACE_AROUND, '')
      value = value === null ? line : `${value}${wanted === 'cookie' ? '; ' : ', '}${line}`
    }
    return value
  }

  has(name: string): boolean {
    return this.get(name) !== null
  }
}

/**
 * The body, stopping once past `limit` bytes (the caller refuses it; what is left unread is
 * drained or the connection closed once the answer is out: node-route.ts). A connection closed
 * before the body ended rejects with BodyNotReceived.
 */
function readNodeBody(incoming: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    const settle = (outcome: () => void) => {
      incoming.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose)
      outcome()
    }
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength
      chunks.push(chunk)
      if (total > limit) {
        incoming.pause()
        settle(() => resolve(Buffer.concat(chunks, total)))
      }
    }
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, total)))
    const onClose = () => settle(() => reject(new BodyNotReceived()))
    incoming.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose)
  })
}
