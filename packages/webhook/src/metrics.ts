/**
 * Prometheus metrics of the webhook, hand-written: a few counters and one histogram cost less
 * than a metrics library on a path measured per request, and the exposition format is simple.
 */

/** What happened to a request; one counter each. */
export type RequestOutcome =
  | 'replied' // a passive reply was sent
  | 'success' // acknowledged with `success` (no reply)
  | 'deadline' // the handler missed the deadline; answered `success`
  | 'error' // the handler threw; answered `success`
  | 'retry' // an identical re-send, answered from the first attempt
  | 'duplicate' // the same message under another signature, answered from the first attempt
  | 'replay' // a used nonce with another body: refused
  | 'rejected' // failed verification or validation
  | 'unavailable' // the delivery store failed: answered 503 for WeChat to retry
  | 'verified' // GET URL verification answered
  | 'other' // health, metrics, 404, 405

const OUTCOMES: RequestOutcome[] = [
  'replied',
  'success',
  'deadline',
  'error',
  'retry',
  'duplicate',
  'replay',
  'rejected',
  'unavailable',
  'verified',
  'other',
]
const BUCKETS = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 4.5, 10]

/** Counters and the handler-duration histogram of one webhook. */
export class WebhookMetrics {
  readonly #outcomes = new Map<RequestOutcome, number>(OUTCOMES.map((o) => [o, 0]))
  readonly #status = new Map<number, number>()
  readonly #bucketCounts = new Array<number>(BUCKETS.length).fill(0)
  #sum = 0
  #count = 0
  lateReplies = 0

  /** Counts one answered request. */
  count(status: number, outcome: RequestOutcome): void {
    this.#outcomes.set(outcome, (this.#outcomes.get(outcome) ?? 0) + 1)
    this.#status.set(status, (this.#status.get(status) ?? 0) + 1)
  }

  /** Records how long a handler took, in seconds. */
  observeHandler(seconds: number): void {
    this.#sum += seconds
    this.#count++
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]!) {
        this.#bucketCounts[i]!++
        break
      }
    }
  }

  /** How many requests ended with an outcome. */
  outcome(outcome: RequestOutcome): number {
    return this.#outcomes.get(outcome) ?? 0
  }

  /** The Prometheus text exposition, with extra gauges appended. */
  render(gauges: Record<string, { help: string; value: number }> = {}): string {
    const lines: string[] = []
    lines.push('# HELP wxmp_webhook_requests_total Webhook requests by outcome.')
    lines.push('# TYPE wxmp_webhook_requests_total counter')
    for (const [o, n] of this.#outcomes)
      lines.push(`wxmp_webhook_requests_total{outcome="${o}"} ${n}`)
    lines.push('# HELP wxmp_webhook_responses_total Webhook responses by HTTP status.')
    lines.push('# TYPE wxmp_webhook_responses_total counter')
    for (const [s, n] of [...this.#status].sort((a, b) => a[0] - b[0])) {
      lines.push(`wxmp_webhook_responses_total{status="${s}"} ${n}`)
    }
    lines.push('# HELP wxmp_webhook_late_replies_total Replies produced after the deadline.')
    lines.push('# TYPE wxmp_webhook_late_replies_total counter')
    lines.push(`wxmp_webhook_late_replies_total ${this.lateReplies}`)
    lines.push('# HELP wxmp_webhook_handler_seconds Time handlers took to produce a reply.')
    lines.push('# TYPE wxmp_webhook_handler_seconds histogram')
    let cumulative = 0
    BUCKETS.forEach((le, i) => {
      cumulative += this.#bucketCounts[i]!
      lines.push(`wxmp_webhook_handler_seconds_bucket{le="${le}"} ${cumulative}`)
    })
    lines.push(`wxmp_webhook_handler_seconds_bucket{le="+Inf"} ${this.#count}`)
    lines.push(`wxmp_webhook_handler_seconds_sum ${this.#sum}`)
    lines.push(`wxmp_webhook_handler_seconds_count ${this.#count}`)
    for (const [name, g] of Object.entries(gauges)) {
      lines.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${g.value}`)
    }
    return lines.join('\n') + '\n'
  }
}
