/**
 * Clock skew between this machine and the API host, from the host's `Date` header. The webhook
 * refuses pushes whose timestamp is more than 300 s from its clock, and token expiry is computed
 * on the local clock, so a skew past that window breaks every push: it fails. Above 60 s it is
 * a warning, as NTP keeps a healthy machine within a second.
 */
import { finding } from './finding.js'
import type { Finding } from './finding.js'
import type { Probe } from './probe.js'

/** Skew (ms) above which the check warns. */
export const SKEW_WARN_MS = 60_000
/** Skew (ms) above which pushes are refused: the webhook's timestamp window. */
export const SKEW_FAIL_MS = 300_000

const FIX = 'synchronise the clock with NTP (e.g. `timedatectl set-ntp true` or chrony)'

/**
 * Compares the probe's `Date` header with the local clock at the middle of the request. The
 * header has one-second resolution, which is far below the thresholds.
 */
export function checkClock(probe: Probe, apiBase: string): Finding {
  if (!probe.reachable)
    return finding('clock', 'skip', apiBase, 'the API host did not answer, so its clock is unknown')
  const remote = probe.date === undefined ? Number.NaN : Date.parse(probe.date)
  if (Number.isNaN(remote))
    return finding('clock', 'skip', apiBase, 'the API host sent no readable Date header')
  const skew = probe.localMs - remote
  const seconds = Math.round(Math.abs(skew) / 1000)
  const direction = skew > 0 ? 'ahead of' : 'behind'
  const text = `this machine's clock is ${seconds} s ${direction} the API host's`
  if (Math.abs(skew) > SKEW_FAIL_MS)
    return finding(
      'clock',
      'fail',
      apiBase,
      `${text}; pushes outside the 300 s timestamp window are refused`,
      FIX,
    )
  if (Math.abs(skew) > SKEW_WARN_MS) return finding('clock', 'warn', apiBase, text, FIX)
  return finding('clock', 'ok', apiBase, `within ${Math.max(seconds, 1)} s of the API host`)
}
