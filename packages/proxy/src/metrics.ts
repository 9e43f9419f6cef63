/** The proxy's counters and the upstream latency histogram, rendered for Prometheus (`/metrics`). */

/** The counters, with their help text. */
export const PROXY_COUNTERS = {
  wxmp_proxy_requests_total: 'Calls answered, by client, endpoint and HTTP status.',
  wxmp_proxy_refusals_total: 'Calls the proxy refused itself, by reason.',
  wxmp_proxy_token_retries_total:
    'Calls retried after WeChat rejected the token, by whether the retry succeeded.',
  wxmp_proxy_quota_warnings_total:
    'Calls that found an account past 80 % of an endpoint daily quota, by account and endpoint.',
  wxmp_proxy_drop_in_tokens_total: 'Proxy-scoped tokens issued to drop-in callers, by client.',
} as const

/** A counter's name. */
export type ProxyCounter = keyof typeof PROXY_COUNTERS

/** Upper bounds (seconds) of the upstream latency buckets. */
export const LATENCY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

const HISTOGRAM = 'wxmp_proxy_upstream_duration_seconds'

type Labels = Readonly<Record<string, string>>

interface Histogram {
  readonly buckets: number[]
  sum: number
  count: number
}

/** The proxy's metrics. */
export class ProxyMetrics {
  readonly #counters = new Map<ProxyCounter, Map<string, number>>()
  readonly #latency = new Map<string, Histogram>()
  // The histogram of each endpoint id, found without rendering its label each call.
  readonly #byEndpoint = new Map<string, Histogram>()

  /** Adds one to the series of `name` with `labels`. */
  inc(name: ProxyCounter, labels: Labels): void {
    let series = this.#counters.get(name)
    if (!series) {
      series = new Map()
      this.#counters.set(name, series)
    }
    const key = renderLabels(labels)
    series.set(key, (series.get(key) ?? 0) + 1)
  }

  /** The value of one series (0 if never counted). */
  value(name: ProxyCounter, labels: Labels): number {
    return this.#counters.get(name)?.get(renderLabels(labels)) ?? 0
  }

  /** The sum over every series of `name`. */
  total(name: ProxyCounter): number {
    let sum = 0
    for (const v of this.#counters.get(name)?.values() ?? []) sum += v
    return sum
  }

  /** Records one upstream call of `endpoint` that took `seconds`. */
  observe(endpoint: string, seconds: number): void {
    let h = this.#byEndpoint.get(endpoint)
    if (!h) {
      const key = renderLabels({ endpoint })
      h = this.#latency.get(key) ?? { buckets: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 }
      this.#latency.set(key, h)
      this.#byEndpoint.set(endpoint, h)
    }
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
      if (seconds <= LATENCY_BUCKETS[i]!) h.buckets[i]! += 1
    }
    h.sum += seconds
    h.count += 1
  }

  /** Everything in the Prometheus text exposition format (0.0.4). */
  render(): string {
    const lines: string[] = []
    for (const [name, help] of Object.entries(PROXY_COUNTERS) as Array<[ProxyCounter, string]>) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`)
      for (const [labels, v] of this.#counters.get(name) ?? []) lines.push(`${name}${labels} ${v}`)
    }
    lines.push(
      `# HELP ${HISTOGRAM} Time WeChat took to answer (headers), by endpoint.`,
      `# TYPE ${HISTOGRAM} histogram`,
    )
    for (const [labels, h] of this.#latency) {
      const inner = labels.slice(1, -1)
      LATENCY_BUCKETS.forEach((bound, i) => {
        lines.push(`${HISTOGRAM}_bucket{${inner},le="${bound}"} ${h.buckets[i]}`)
      })
      lines.push(`${HISTOGRAM}_bucket{${inner},le="+Inf"} ${h.count}`)
      lines.push(`${HISTOGRAM}_sum${labels} ${h.sum}`, `${HISTOGRAM}_count${labels} ${h.count}`)
    }
    return `${lines.join('\n')}\n`
  }
}

const NEEDS_ESCAPE = /[\\\n"]/

function renderLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort()
  if (keys.length === 0) return ''
  // Most values need no escaping; testing for that is cheaper than three replacements.
  const escape = (v: string) =>
    NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"') : v
  return `{${keys.map((k) => `${k}="${escape(labels[k] ?? '')}"`).join(',')}}`
}
