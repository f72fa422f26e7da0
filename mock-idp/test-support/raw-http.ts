/**
 * HTTP/1.1 spoken over a bare socket, for what fetch cannot send or watch: any method (TRACE), any
 * Host, an upload that goes on until the server answers, a body that never ends. Each helper
 * resolves on events of the socket, never on a timer.
 */
import { connect, type Socket } from 'node:net'

export interface RawAnswer {
  /** The status of the first response on the socket (0 when the socket closed before one). */
  status: number
  /** Everything the server sent (head and body) until the socket closed. */
  text: string
}

/**
 * Sends `head` (the request line and headers, without the blank line; with `Connection: close`,
 * so the server closes once it has answered), then `body`; resolves when the server closes. The
 * socket is not half-closed: Node's server aborts a request whose client ended its side first,
 * and an answer that takes a turn of the event loop would then be lost.
 */
export function rawExchange(url: string, head: string, body = ''): Promise<RawAnswer> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname)
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.on('error', () => {})
    socket.on('close', () => resolve({ status: statusOf(text), text }))
    if (!/\r\nConnection: close(\r\n|$)/i.test(head)) throw new Error('rawExchange needs Connection: close in head')
    socket.write(`${head}\r\n\r\n${body}`, 'latin1')
  })
}

export interface Upload {
  /** The status line's code, once the answer came (0 if the socket closed without one). */
  status: number
  /** The answer's text. */
  text: string
  /** Body bytes written when the answer began to arrive (or when the socket closed without one). */
  sentWhenAnswered: number
  /** The socket's local port: the server sees it as the remote port. */
  localPort: number
}

/**
 * Starts an upload of `totalBytes` (with Content-Length, or chunked) and keeps writing, 1 MiB at a
 * time as the socket drains, until the server answers or closes the connection, or all is sent.
 */
export function uploadUntilAnswered(
  url: string,
  head: string,
  totalBytes: number,
  framing: 'content-length' | 'chunked',
): Promise<Upload> {
  const { hostname, port } = new URL(url)
  const chunk = Buffer.alloc(1 << 20, 0x61)
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(port), hostname)
    let text = ''
    let sent = 0
    let answeredAt: number | undefined
    let done = false
    const finish = () => {
      if (done) return
      done = true
      resolve({ status: statusOf(text), text, sentWhenAnswered: answeredAt ?? sent, localPort: socket.localPort ?? 0 })
      socket.destroy()
    }
    socket.setEncoding('latin1')
    socket.on('data', (data: string) => {
      answeredAt ??= sent
      text += data
      // The whole answer is in once its body (sized by Content-Length) has arrived.
      const end = text.indexOf('\r\n\r\n')
      const length = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1]
      if (end >= 0 && length !== undefined && text.length >= end + 4 + Number(length)) finish()
    })
    socket.on('error', finish)
    socket.on('close', finish)
    const frameHeader = framing === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${totalBytes}`
    socket.write(`${head}\r\n${frameHeader}\r\n\r\n`, 'latin1')
    const pump = () => {
      while (!done && answeredAt === undefined && sent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent))
        sent += piece.length
        const framed = framing === 'chunked' ? [`${piece.length.toString(16)}\r\n`, piece, '\r\n'] : [piece]
        let flowing = true
        for (const part of framed) flowing = socket.write(part) && flowing
        if (!flowing) {
          socket.once('drain', pump)
          return
        }
      }
      if (!done && answeredAt === undefined && sent >= totalBytes && framing === 'chunked') socket.write('0\r\n\r\n')
    }
    socket.on('connect', pump)
  })
}

/** Opens a connection and sends `prefix` (possibly nothing); resolves with the socket once connected. */
export function openSocket(url: string, prefix = ''): Promise<Socket> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.off('error', reject)
      socket.on('error', () => {})
      if (prefix) socket.write(prefix, 'latin1')
      resolve(socket)
    })
    socket.once('error', reject)
  })
}

function statusOf(text: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0)
}
