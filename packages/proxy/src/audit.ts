/**
 * The audit log: one JSON line per call that reached the proxy, saying who called what and how
 * it ended. Built from named fields only, so no token, secret or client key can slip in.
 */
import type { Writable } from 'node:stream'

/** One audit record. */
export interface AuditEntry {
  /** ISO 8601, on the proxy's clock. */
  readonly time: string
  /** The client's name; `null` when the key was not recognised. */
  readonly client: string | null
  /** The AppID acted for; `null` when none was settled. */
  readonly account: string | null
  /** The endpoint id from the table; `null` for an unknown route. */
  readonly endpoint: string | null
  readonly method: string
  /** The request path (never the query, which may hold a token or secret). */
  readonly path: string
  readonly status: number
  /** WeChat's errcode (0 on success or for a download), or the proxy's refusal errcode. */
  readonly errcode: number
  /** The proxy's refusal code (`WX_PROXY_FORBIDDEN`, …) when it refused. */
  readonly refusal?: string
  /** True when the call was retried after WeChat rejected the token. */
  readonly retried?: boolean
  /** `drop-in` when the caller used a proxy-scoped token, `key` for a client key. */
  readonly auth?: 'key' | 'drop-in' | 'secret'
  readonly durationMs: number
}

/** Where audit records go. */
export type AuditSink = (entry: AuditEntry) => void

/**
 * An audit sink writing JSON lines to a stream (a file, stdout).
 *
 * @example
 * const audit = jsonLinesAudit(createWriteStream('./data/audit.jsonl', { flags: 'a' }))
 */
export function jsonLinesAudit(stream: Writable): AuditSink {
  return (entry) => {
    stream.write(`${JSON.stringify(entry)}\n`)
  }
}
