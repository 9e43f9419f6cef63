/** In-process counters of the token service, rendered in Prometheus' text format for `/metrics`. */

/** The counters the service keeps, with their help text. */
export const METRICS = {
  wxmp_token_cache_hits_total: 'Credentials served from the store without waiting for a refresh.',
  wxmp_token_refreshes_total: 'Refresh attempts that called WeChat, by trigger and outcome.',
  wxmp_token_upstream_errors_total: 'Failed calls to WeChat, by errcode ("transport" without one).',
  wxmp_token_lock_waits_total:
    'Times a refresh found the lock held by another instance and waited.',
  wxmp_token_invalidations_total: 'Reports of a rejected token, by whether it was still current.',
} as const

/** A counter's name. */
export type MetricName = keyof typeof METRICS

/** Label names and values of one series. */
export type Labels = Readonly<Record<string, string>>

/** A set of labelled counters. */
export class TokenMetrics {
  readonly #series = new Map<MetricName, Map<string, number>>()

  /** Adds `by` (default 1) to the series of `name` with `labels`. */
  inc(name: MetricName, labels: Labels, by = 1): void {
    let series = this.#series.get(name)
    if (!series) {
      series = new Map()
      this.#series.set(name, series)
    }
    const key = renderLabels(labels)
    series.set(key, (series.get(key) ?? 0) + by)
  }

  /** The current value of one series (0 if never counted). */
  value(name: MetricName, labels: Labels): number {
    return this.#series.get(name)?.get(renderLabels(labels)) ?? 0
  }

  /** The sum of every series of `name`. */
  total(name: MetricName): number {
    let sum = 0
    for (const value of this.#series.get(name)?.values() ?? []) sum += value
    return sum
  }

  /** Every counter in the Prometheus text exposition format (0.0.4). */
  render(): string {
    const lines: string[] = []
    for (const [name, help] of Object.entries(METRICS) as Array<[MetricName, string]>) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`)
      for (const [labels, value] of this.#series.get(name) ?? []) {
        lines.push(`${name}${labels} ${value}`)
      }
    }
    return `${lines.join('\n')}\n`
  }
}

function renderLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort()
  if (keys.length === 0) return ''
  const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
  return `{${keys.map((k) => `${k}="${escape(labels[k] ?? '')}"`).join(',')}}`
}
