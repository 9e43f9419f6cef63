import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * The worker's program, plain CommonJS so that it runs the same from `dist/` and from the
 * TypeScript sources under the test runner (a worker cannot load `.ts`). It opens its own
 * connection to the log's file and answers each request with one PASSIVE checkpoint, which never
 * waits for the writer and never makes it wait (WAL mode lets both work at once).
 *
 * It first lowers its own thread's priority (Linux: `setpriority` on a thread id affects that
 * thread only) so that where the webhook shares a core with it, replies go first and the copying
 * fills the gaps.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
try {
  const self = require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()
  require('node:os').setPriority(Number(self), 10)
} catch {}
let db
try {
  const Database = require(workerData.sqlite)
  db = new Database(workerData.file, { fileMustExist: true, timeout: 0 })
  db.pragma('wal_autocheckpoint = 0')
  db.pragma('cache_size = -256')
} catch (err) {
  parentPort.postMessage({ failed: String(err && err.message ? err.message : err) })
}
parentPort.on('message', (request) => {
  if (db === undefined) return
  if (request === 'close') {
    db.close()
    db = undefined
    parentPort.close()
    return
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
    parentPort.postMessage({ done: true })
  } catch (err) {
    parentPort.postMessage({ failed: String(err && err.message ? err.message : err) })
  }
})
`

/** What the writer learns from the checkpointer. */
export interface WalCheckpointerEvents {
  /** The thread could not open the file or a checkpoint failed: checkpoint inline from now on. */
  onFailure(error: Error): void
}

/**
 * Runs the message log's WAL checkpoints on a worker thread instead of the event loop. A
 * checkpoint copies ~16 MiB of WAL into the file and syncs both: measured here 30 ms of wall
 * time (10 ms of CPU, the rest waiting for the disk) every ~15,000 pushes, a pause every reply
 * in flight waited out while better-sqlite3 (which is synchronous) ran it inline.
 *
 * The thread starts only when the first checkpoint is due, so a quiet or short-lived log (most
 * tests, a CLI query) never pays for one. Until then, and whenever the thread fails, the caller
 * keeps SQLite's own inline checkpoints (see `SqliteMessageLog`).
 */
export class WalCheckpointer {
  readonly #file: string
  readonly #thresholdBytes: number
  readonly #events: WalCheckpointerEvents
  #worker: Worker | undefined
  /** Settles when the thread has exited (resolved from the start when there is none). */
  #exited: Promise<void> = Promise.resolve()
  #sinceLast = 0
  #checkpoints = 0
  #inFlight = false
  #failed = false
  #closed = false

  constructor(file: string, thresholdBytes: number, events: WalCheckpointerEvents) {
    this.#file = file
    this.#thresholdBytes = thresholdBytes
    this.#events = events
  }

  /** Whether checkpoints still go to the thread (false once it failed or was closed). */
  get active(): boolean {
    return !this.#failed && !this.#closed
  }

  /** Checkpoints the thread has finished. */
  get checkpoints(): number {
    return this.#checkpoints
  }

  /** Counts bytes just committed to the WAL; asks for a checkpoint once enough have built up. */
  noteWritten(bytes: number): void {
    if (!this.active) return
    this.#sinceLast += bytes
    // One at a time: what was written meanwhile goes into the next one.
    if (this.#sinceLast < this.#thresholdBytes || this.#inFlight) return
    this.#sinceLast = 0
    this.#inFlight = true
    this.#start().postMessage('checkpoint')
  }

  /** Stops the thread after the checkpoint in progress, if any. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    const worker = this.#worker
    if (worker === undefined) return
    // After a failure the thread is already being terminated; otherwise let it finish its work.
    if (!this.#failed) worker.postMessage('close')
    await this.#exited
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3')
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: this.#file, sqlite },
      // A checkpoint thread needs little: keep its heap from growing like a server's.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    })
    // It never keeps the process alive: close() stops it, and an exit without close() leaves
    // a WAL that SQLite replays when the file is next opened.
    worker.unref()
    worker.on('message', (message: { done?: true; failed?: string }) => {
      this.#inFlight = false
      if (message.failed !== undefined) this.#fail(new Error(message.failed))
      else if (message.done === true) this.#checkpoints++
    })
    worker.on('error', (err) => this.#fail(err))
    this.#exited = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        resolve()
        if (!this.#closed) this.#fail(new Error('the WAL checkpoint thread exited'))
      }),
    )
    this.#worker = worker
    return worker
  }

  #fail(error: Error): void {
    if (this.#failed || this.#closed) return
    this.#failed = true
    void this.#worker?.terminate()
    this.#events.onFailure(
      new Error(
        `message log ${this.#file}: WAL checkpoints are back on the event loop: ${error.message}`,
      ),
    )
  }
}
