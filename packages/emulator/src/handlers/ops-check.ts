/**
 * `ops.checkCallback` (网络检测, §6.0): WeChat resolves and pings the account's push URL. The
 * emulator does neither: it answers for the configured URL's host with fixed, plausible values,
 * without touching the network [inferred].
 */
import { createHash } from 'node:crypto'
import { isIP } from 'node:net'
import { DEFAULT_PUSH_URL } from '../push/engine.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'

/** The carriers `check_operator` names, besides `DEFAULT`. */
const OPERATORS = ['CHINANET', 'UNICOM', 'CAP'] as const

/**
 * What the check reports for `host`: an IP literal as itself; a name as one address of the
 * documentation range 203.0.113.0/24, chosen by a hash of the name so it never changes. The
 * server's carrier and the round-trip time come from the same hash.
 */
export function probeOf(host: string): { ip: string; operator: string; time: string } {
  const digest = createHash('sha256').update(host.toLowerCase()).digest()
  const literal = host.replace(/^\[(.*)\]$/, '$1')
  return {
    ip: isIP(literal) ? literal : `203.0.113.${1 + ((digest[0] ?? 0) % 254)}`,
    operator: OPERATORS[(digest[1] ?? 0) % OPERATORS.length] ?? 'CHINANET',
    // 10–49.999 ms, three decimals as in the official example (`"28.000ms"`).
    time: `${(10 + ((digest[2] ?? 0) % 40) + (digest[3] ?? 0) / 256).toFixed(3)}ms`,
  }
}

/** The network-check endpoint. */
export const opsCheckHandlers = {
  'ops.checkCallback': {
    run: (request, ctx) => {
      const account = ctx.state.accounts.get(callerOf(ctx))
      const host = new URL(account?.pushUrl ?? DEFAULT_PUSH_URL).hostname
      const probe = probeOf(host)
      // [inferred] DEFAULT lets WeChat pick the carrier: the one the server's address belongs to.
      const from = request.check_operator === 'DEFAULT' ? probe.operator : request.check_operator
      const dns = [{ ip: probe.ip, real_operator: probe.operator }]
      const ping = [{ ip: probe.ip, from_operator: from, package_loss: '0%', time: probe.time }]
      return {
        ...(request.action === 'ping' ? {} : { dns }),
        ...(request.action === 'dns' ? {} : { ping }),
      }
    },
  },
} satisfies Handlers
