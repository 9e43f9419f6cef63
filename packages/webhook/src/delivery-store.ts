import type { WebhookResponse } from './http-types.js'

/**
 * What the webhook remembers about pushes it accepted, so that WeChat's retries run no handler
 * twice. WeChat re-sends an unanswered push as the *identical* request (same query, same body),
 * up to three times. Two identities are tracked:
 *  - the request: `appid|timestamp|nonce` with a fingerprint of the body (`bodyFingerprint`).
 *    The same body again is a retry; a different body under a used nonce is a replay, refused;
 *  - the message: its dedupe key (MsgId, MsgID, or FromUserName+CreateTime+Event+EventKey), so a
 *    re-signed copy of a message already handled is also answered from the first attempt.
 * The in-memory store lives here; a Redis store (for several webhook instances) implements the
 * same interface.
 */
export type Claim =
  | {
      readonly status: 'new'
      /** Stores the answer of the first attempt for its retries (once). */
      settle(response: WebhookResponse): void
      /**
       * Gives the claim up unanswered (the attempt could not go on, e.g. the store failed before
       * its handler ran): retries already waiting get `response`, and the next identical
       * request is a first attempt again, so WeChat's retry runs the handler.
       */
      release(response: WebhookResponse): void
    }
  | { readonly status: 'retry'; readonly response: WebhookResponse | Promise<WebhookResponse> }
  | { readonly status: 'replay' }

/** Storage of claimed requests and messages; see `Claim`. */
export interface DeliveryStore {
  /** Claims a verified request by its `appid|timestamp|nonce` key; `fingerprint` identifies the body. */
  claimRequest(requestKey: string, fingerprint: number): Claim | Promise<Claim>
  /** Claims a parsed message by `appid|dedupeKey`. Never answers `replay`. */
  claimMessage(messageKey: string): Claim | Promise<Claim>
  /** Entry counts, for metrics. */
  size(): { requests: number; messages: number }
  /** Releases resources (connections). */
  close?(): Promise<void>
}
