/**
 * Turning a failed WeChat call into the shared failure record (with its backoff), and a stored
 * failure into the error callers get.
 */
import { createHash } from 'node:crypto'
import { isWxApiError } from '@wxmp/core'
import { TokenServiceError } from './errors.js'
import type { ResolvedOptions } from './options.js'
import type { StoredFailure } from './types.js'

/** The fingerprint `StoredFailure.secretId` compares. */
export function secretId(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12)
}

/**
 * The failure to store after `err`: WeChat refusing the configuration (wrong secret, IP not
 * whitelisted — errcode kind `config`) waits `configRetryMs`; anything else (down, slow, -1,
 * quota) backs off exponentially with jitter from `backoff.initialMs` to `backoff.maxMs`.
 */
export function failureFrom(
  err: unknown,
  previous: StoredFailure | undefined,
  now: number,
  o: ResolvedOptions,
  secret: string | undefined,
): StoredFailure {
  const message = err instanceof Error ? err.message : String(err)
  if (isWxApiError(err) && err.kind === 'config') {
    return {
      kind: 'config',
      errcode: err.errcode,
      message,
      at: now,
      attempts: previous?.kind === 'config' ? previous.attempts + 1 : 1,
      retryAt: now + o.configRetryMs,
      secretId: secret === undefined ? undefined : secretId(secret),
    }
  }
  const attempts = previous?.kind === 'upstream' ? previous.attempts + 1 : 1
  const delay = Math.min(o.backoffMaxMs, o.backoffInitialMs * 2 ** (attempts - 1))
  // Full delay minus up to a quarter, so instances that failed together do not retry together.
  const jittered = Math.round(delay * (1 - o.random() / 4))
  return {
    kind: 'upstream',
    errcode: isWxApiError(err) ? err.errcode : undefined,
    message,
    at: now,
    attempts,
    retryAt: now + jittered,
  }
}

/** Whether `failure` still stops calls to WeChat at `now` for an account with `secret`. */
export function failureHolds(
  failure: StoredFailure | undefined,
  now: number,
  secret: string | undefined,
): failure is StoredFailure {
  if (failure === undefined || now >= failure.retryAt) return false
  if (failure.kind !== 'config' || failure.secretId === undefined || secret === undefined)
    return true
  return failure.secretId === secretId(secret)
}

/** The error a caller gets while `failure` holds. */
export function errorFromFailure(failure: StoredFailure): TokenServiceError {
  const retry = { errcode: failure.errcode, retryAt: failure.retryAt }
  if (failure.kind === 'config') {
    return new TokenServiceError(
      'config',
      `WeChat refused the account's credentials: ${failure.message}`,
      retry,
    )
  }
  return new TokenServiceError('upstream', `WeChat is unavailable: ${failure.message}`, retry)
}
