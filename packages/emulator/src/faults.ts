/**
 * Injected failures (`POST /__emulator/faults`): the next N calls of an API path answer an
 * errcode, arrive late, or lose their connection — what a client's retry, failover and timeout
 * code must survive and what WeChat cannot be asked to do on demand.
 */

/** What a fault does to a call. */
export interface FaultAction {
  /** Answer this errcode instead of running the call (`errmsg` defaults to WeChat's for the code). */
  readonly errcode?: number
  readonly errmsg?: string
  /** Wait this long (emulator clock ms) before answering; combines with the others. */
  readonly delayMs?: number
  /** Close the connection without an answer. */
  readonly drop?: boolean
}

/** One planned fault. */
export interface Fault extends FaultAction {
  /** The API path it applies to, e.g. `/cgi-bin/menu/create`. */
  readonly path: string
  /** Calls still to be affected. */
  remaining: number
}

/** The faults waiting for their calls, in the order they were planned. */
export class FaultPlan {
  #faults: Fault[] = []

  /** Plans `count` faulty calls of `path`; returns the stored fault. */
  add(path: string, count: number, action: FaultAction): Fault {
    const fault: Fault = { ...action, path, remaining: count }
    this.#faults.push(fault)
    return fault
  }

  /**
   * The fault for a call of `path`, spending one of its calls; the earliest planned fault with
   * calls left wins, so faults for one path queue up.
   */
  take(path: string): FaultAction | undefined {
    const fault = this.#faults.find((candidate) => candidate.path === path)
    if (!fault) return undefined
    fault.remaining--
    if (fault.remaining <= 0) this.#faults = this.#faults.filter((other) => other !== fault)
    const { errcode, errmsg, delayMs, drop } = fault
    return { errcode, errmsg, delayMs, drop }
  }

  /** The faults still planned (copies). */
  list(): Fault[] {
    return this.#faults.map((fault) => ({ ...fault }))
  }

  /** Forgets every planned fault; returns how many there were. */
  clear(): number {
    const count = this.#faults.length
    this.#faults = []
    return count
  }
}
