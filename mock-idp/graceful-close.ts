/**
 * A bounded, graceful stop for the mock's HTTP server (docs/control-api-and-limits.md, "Graceful
 * shutdown"). Node's `server.close()` stops accepting but leaves a connection that has
 * not sent a request yet open until its headers timeout, and keeps answering `keep-alive` on the
 * requests under way; this keeps count of the requests on each connection so that closing can:
 *   1. stop accepting, and close every connection with no request under way;
 *   2. let the requests under way finish (each answered with `Connection: close`, RFC 9112 §9.6);
 *   3. after `timeoutMs`, close whatever is still open.
 */
import type { Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

export class ConnectionTracker {
  /** Every open connection, with the responses under way on it. */
  readonly #connections = new Map<Socket, Set<ServerResponse>>()
  #closing = false

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.#connections.set(socket, new Set())
      socket.once('close', () => this.#connections.delete(socket))
    })
    // First in line, so the header is set before the app (which may answer at once) writes any.
    server.prependListener('request', (request, response: ServerResponse) => {
      const socket = request.socket
      const underWay = this.#connections.get(socket)
      if (!underWay) return
      underWay.add(response)
      if (this.#closing) response.setHeader('Connection', 'close')
      response.once('close', () => {
        underWay.delete(response)
        if (this.#closing && underWay.size === 0) socket.destroySoon()
      })
    })
  }

  /** Requests under way now. */
  get requestsUnderWay(): number {
    let count = 0
    for (const responses of this.#connections.values()) count += responses.size
    return count
  }

  /**
   * Stops the server: `release` runs once accepting has stopped (to end waits that would hold a
   * request, such as a delayMs override); resolves with how many connections still had a request
   * under way after `timeoutMs` and were cut.
   */
  async close(timeoutMs: number, release: () => void = () => {}): Promise<number> {
    this.#closing = true
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    for (const [socket, underWay] of this.#connections) {
      if (underWay.size === 0) socket.destroy()
      for (const response of underWay) if (!response.headersSent) response.setHeader('Connection', 'close')
    }
    release()
    let timer: NodeJS.Timeout | undefined
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), timeoutMs)
    })
    const outcome = await Promise.race([closed, expired])
    clearTimeout(timer)
    if (outcome !== 'expired') return 0
    const cut = this.#connections.size
    for (const socket of this.#connections.keys()) socket.destroy()
    await closed
    return cut
  }
}
