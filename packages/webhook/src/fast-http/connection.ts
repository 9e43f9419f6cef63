/**
 * One keep-alive connection served by the fast HTTP front: requests are read straight off the
 * socket's bytes, answered in order with one write each, and the connection is handed to
 * node:http the moment a request is anything but the plain case (see `request-head.ts`).
 */
import type { Socket } from 'node:net'
import { webhookRequest, type WebhookRequest, type WebhookResponse } from '../http-types.js'
import { parseRequestHead, type RequestHead } from './request-head.js'
import { serializeResponse } from './response-head.js'

/** What a connection needs from its server. */
export interface FastConnectionOptions {
  handle(req: WebhookRequest): WebhookResponse | Promise<WebhookResponse>
  readonly maxBodyBytes: number
  /** A request head larger than this goes to node:http (which answers 431). */
  readonly maxHeadBytes: number
  /** A request must arrive whole within this many ms of its first byte, else 408. */
  readonly requestTimeoutMs: number
  /** An idle connection (or one stalled mid-request) is closed after this many ms. */
  readonly idleTimeoutMs: number
  /** Gives the socket, with the bytes not yet consumed put back, to node:http. */
  handOff(socket: Socket): void
  /** Called once when the connection is gone (closed, destroyed or handed off). */
  onGone(connection: FastConnection): void
  /** A bug in wxmp (the pipeline threw): reported, answered 500. */
  onInternalError(err: unknown): void
}

const BLANK_LINE = Buffer.from('\r\n\r\n')

/** The state of one fast connection. */
export class FastConnection {
  readonly #socket: Socket
  readonly #options: FastConnectionOptions
  /** Bytes received and not yet consumed by a request. */
  #pending: Buffer | undefined
  /** How much of `#pending` was already searched for the end of the head. */
  #scanned = 0
  /** When the first byte of the request being read arrived (-1: none pending). */
  #startedAt = -1
  /** A request is being answered (or the socket's write buffer is full): read no further. */
  #busy = false
  /** No more requests: `Connection: close` was answered, or the server is shutting down. */
  #ending = false
  #gone = false

  constructor(socket: Socket, options: FastConnectionOptions) {
    this.#socket = socket
    this.#options = options
    socket.setNoDelay(true)
    socket.setTimeout(options.idleTimeoutMs)
    socket.on('data', this.#onData)
    socket.on('timeout', this.#onTimeout)
    socket.on('error', this.#onError)
    socket.on('close', this.#onClose)
  }

  /** Whether no request is pending or being answered. */
  get idle(): boolean {
    return !this.#busy && this.#pending === undefined
  }

  /** Server shutdown: close now if idle, else right after the answer in progress. */
  closeWhenIdle(): void {
    this.#ending = true
    if (this.idle) this.#socket.end()
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.#socket.destroy()
  }

  readonly #onData = (chunk: Buffer): void => {
    if (this.#ending) return
    if (this.#pending === undefined) {
      this.#pending = chunk
      this.#startedAt = Date.now()
    } else {
      this.#pending = Buffer.concat([this.#pending, chunk])
      // Checked on every arrival, so a peer trickling bytes cannot stretch a request forever.
      if (Date.now() - this.#startedAt > this.#options.requestTimeoutMs) return this.#timedOut()
    }
    if (!this.#busy) this.#drain()
  }

  readonly #onTimeout = (): void => {
    if (this.#busy) return // the pipeline's own deadline answers in time
    if (this.#pending !== undefined) return this.#timedOut()
    this.#socket.destroy() // keep-alive expiry, as node:http does
  }

  readonly #onError = (): void => {
    this.#socket.destroy()
  }

  readonly #onClose = (): void => {
    this.#pending = undefined
    this.#leave()
  }

  /** Reads and answers every whole request in `#pending`, in order. */
  #drain(): void {
    const options = this.#options
    while (this.#pending !== undefined && !this.#busy && !this.#ending) {
      const buffer = this.#pending
      const blank = buffer.indexOf(BLANK_LINE, Math.max(0, this.#scanned - 3))
      if (blank === -1) {
        this.#scanned = buffer.length
        if (buffer.length > options.maxHeadBytes) this.#handOff()
        return
      }
      if (blank > options.maxHeadBytes) return this.#handOff()
      const head = parseRequestHead(buffer.toString('latin1', 0, blank))
      if (head === undefined) return this.#handOff()
      if (head.contentLength > options.maxBodyBytes) return this.#tooLarge()
      const bodyStart = blank + 4
      const end = bodyStart + head.contentLength
      if (buffer.length < end) return // the body is still arriving
      const body = head.contentLength === 0 ? '' : buffer.toString('utf8', bodyStart, end)
      if (buffer.length === end) {
        this.#pending = undefined
        this.#startedAt = -1
      } else {
        // A pipelined request follows: its clock starts now.
        this.#pending = buffer.subarray(end)
        this.#startedAt = Date.now()
      }
      this.#scanned = 0
      this.#dispatch(head, body)
    }
  }

  #dispatch(head: RequestHead, body: string): void {
    const req = webhookRequest(head.method, head.target, body)
    let out: WebhookResponse | Promise<WebhookResponse>
    try {
      out = this.#options.handle(req)
    } catch (err) {
      return this.#internalError(err)
    }
    if (!(out instanceof Promise)) return this.#answer(out, head.keepAlive)
    this.#busy = true
    this.#socket.pause() // a peer pipelining while we work waits in its own buffers
    out.then(
      (response) => this.#resume(response, head.keepAlive),
      (err: unknown) => this.#resume(undefined, false, err),
    )
  }

  #resume(response: WebhookResponse | undefined, keepAlive: boolean, err?: unknown): void {
    this.#busy = false
    if (response === undefined) this.#internalError(err)
    else this.#answer(response, keepAlive)
    if (this.#gone || this.#socket.destroyed) return
    this.#socket.resume()
    if (!this.#busy) this.#drain()
    if (this.#ending && this.idle) this.#socket.end()
  }

  #answer(response: WebhookResponse, keepAlive: boolean): void {
    const socket = this.#socket
    if (socket.destroyed) return
    const keep = keepAlive && !this.#ending
    let message: string
    try {
      message = serializeResponse(response, keep, Date.now())
    } catch (err) {
      return this.#internalError(err)
    }
    const flushed = socket.write(message)
    if (!keep) {
      this.#ending = true
      this.#pending = undefined
      socket.end()
      return
    }
    if (!flushed) {
      // The peer is not reading its answers: stop reading its requests until it does.
      this.#busy = true
      socket.pause()
      socket.once('drain', () => {
        this.#busy = false
        socket.resume()
        this.#drain()
      })
    }
  }

  #internalError(err: unknown): void {
    this.#options.onInternalError(err)
    this.#answer({ status: 500, body: '', contentType: 'text/plain' }, false)
  }

  #tooLarge(): void {
    // Answer, then drop the connection: reading the rest of an oversize body would be the attack.
    this.#answer(
      { status: 413, body: 'payload too large', contentType: 'text/plain; charset=utf-8' },
      false,
    )
    this.#socket.once('finish', () => this.#socket.destroy())
  }

  #timedOut(): void {
    this.#answer(
      { status: 408, body: 'request timeout', contentType: 'text/plain; charset=utf-8' },
      false,
    )
  }

  /** Gives the connection, unread bytes first, to node:http for good. */
  #handOff(): void {
    const socket = this.#socket
    socket.pause()
    socket.off('data', this.#onData)
    socket.off('timeout', this.#onTimeout)
    socket.off('error', this.#onError)
    socket.off('close', this.#onClose)
    socket.setTimeout(0)
    if (this.#pending !== undefined) socket.unshift(this.#pending)
    this.#pending = undefined
    this.#leave()
    this.#options.handOff(socket)
    // node:http reads through its own 'data' listener; the bytes put back flow to it first.
    socket.resume()
  }

  #leave(): void {
    if (this.#gone) return
    this.#gone = true
    this.#options.onGone(this)
  }
}
