import type { InboundMessage } from '@wxmp/spec/messages'

/**
 * A string field of a message wherever it lives: typed messages carry WeChat's fields at the top
 * level; `unknown` and `invalid` messages keep them only in `raw`. Numbers come back as strings.
 */
export function fieldOf(message: InboundMessage, name: string): string | undefined {
  const m = message as unknown as Record<string, unknown>
  const value = m[name] ?? (m.raw as Record<string, unknown> | undefined)?.[name]
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}
