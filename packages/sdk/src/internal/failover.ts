/**
 * Several instances of a wxmp service (the token service, the API proxy), used one at a time:
 * calls stick to the instance that last worked and move to the next when it cannot be reached.
 */

/** Network errors that mean the request never reached the instance, so sending it elsewhere
 * cannot repeat it. A reset or a timeout may come after the request arrived: not in the list. */
const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/** Whether `error` (or an error it was caused by) says the request never left for the server. */
export function neverArrived(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && UNREACHED.has(code)) return true
    // undici reports a refused connection as TypeError('fetch failed') with the cause inside;
    // a connection error aggregated over several addresses carries them in `errors`.
    const nested = (current as { errors?: unknown }).errors
    if (Array.isArray(nested) && nested.some((inner) => neverArrived(inner))) return true
    current = current.cause
  }
  return false
}

/** The base URLs of one service, with the one in use. */
export class Failover {
  readonly #urls: readonly string[]
  #current = 0

  /** `urls`: one or more base URLs, tried in this order. */
  constructor(urls: string | readonly string[]) {
    const list = (typeof urls === 'string' ? [urls] : [...urls]).map((url) =>
      url.replace(/\/+$/, ''),
    )
    if (list.length === 0) throw new TypeError('Failover: give at least one URL')
    this.#urls = list
  }

  /** How many instances there are. */
  get size(): number {
    return this.#urls.length
  }

  /** The base URL calls go to now. */
  current(): string {
    return this.#urls[this.#current] as string
  }

  /** `url` failed: if it is still the current one, the next instance becomes current. */
  failed(url: string): void {
    if (this.#urls[this.#current] === url) this.#current = (this.#current + 1) % this.#urls.length
  }
}
