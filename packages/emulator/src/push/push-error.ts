/**
 * Why the push engine refused to push at all (as opposed to a delivery that failed, which is a
 * report). The inspection API maps `reason` to an HTTP status.
 */

/** What was wrong with a push request. */
export type PushRefusal =
  /** The AppID is not a configured account. */
  | 'unknown-account'
  /** The OpenID is not a fan the account knows. */
  | 'unknown-fan'
  /** The message is not one WeChat could push (unknown type, missing or bad field). */
  | 'invalid-message'
  /** The fan's following state does not allow it (a message from a non-follower, …). */
  | 'not-allowed'

/** Thrown by `PushEngine.push` before anything is sent or changed. */
export class PushError extends Error {
  readonly reason: PushRefusal

  constructor(reason: PushRefusal, message: string) {
    super(message)
    this.name = 'PushError'
    this.reason = reason
  }
}
