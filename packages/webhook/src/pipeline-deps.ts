import type { Clock } from '@wxmp/core'
import type { DeliveryStore } from './delivery-store.js'
import type { LateReplySink } from './late-reply.js'
import type { Logger } from './logger.js'
import type { MessageLog } from './message-log/index.js'
import type { WebhookMetrics } from './metrics.js'
import type { Router } from './router.js'

/** Everything the request pipeline uses, resolved from the options once at construction. */
export interface PipelineDeps {
  readonly clock: Clock
  readonly router: Router
  readonly store: DeliveryStore
  readonly messageLog: MessageLog | undefined
  readonly lateReplies: LateReplySink
  readonly logger: Logger
  readonly metrics: WebhookMetrics
  /** Accepted distance between a push's `timestamp` and our clock, seconds. */
  readonly timestampWindowSec: number
  /** When a still-running handler is answered `success`, ms. */
  readonly deadlineMs: number
  readonly refusePlaintext: boolean
  readonly maxBodyBytes: number
}
