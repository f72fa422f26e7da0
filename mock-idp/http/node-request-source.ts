/**
 * Node's own request as a RequestSource (parsed-request.ts), read the way the Hono app would see
 * it through @hono/node-server, without building a web Request: its headers as `Headers` reads
 * them (header-list.ts, from `rawHeaders`: repeated fields joined, not dropped as Node's `headers`
 * object drops a second Authorization), its body read from the stream within the limit.
 */
import type { IncomingMessage } from 'node:http'
import { RawHeaderLines } from './header-list.js'
import { BodyNotReceived, type RequestSource } from './parsed-request.js'

export function nodeRequestSource(incoming: IncomingMessage, url: string): RequestSource {
  const headers = new RawHeaderLines(incoming.rawHeaders)
  return {
    method: incoming.method ?? 'GET',
    url,
    headers,
    readBody: (limit) => readNodeBody(incoming, limit),
    headerList: () => headers,
    socket: incoming.socket,
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
