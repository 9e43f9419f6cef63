/**
 * Reachability of the API host (`WXMP_API_BASE`): without it no token, menu or send works. The
 * fix depends on how the request failed, so each kind of failure gets its own sentence.
 */
import { finding } from './finding.js'
import type { Finding } from './finding.js'
import type { Probe } from './probe.js'

/** The fix for each way a connection fails. */
const FIXES: Readonly<Record<string, string>> = {
  timeout:
    'allow outbound HTTPS from this machine to the API host (firewall, security group or HTTP proxy), or raise --timeout-ms',
  ENOTFOUND: 'check the host name in WXMP_API_BASE and that this machine can resolve DNS',
  EAI_AGAIN: 'check that this machine can resolve DNS, then run wxmp doctor again',
  ECONNREFUSED:
    'start the server WXMP_API_BASE points at (e.g. `wxmp emulator`), or point it at https://api.weixin.qq.com',
  ECONNRESET: 'check for a proxy or firewall closing outbound connections to the API host',
  DEPTH_ZERO_SELF_SIGNED_CERT:
    'trust the certificate, e.g. NODE_EXTRA_CA_CERTS=<data-dir>/emulator-tls/cert.pem for the emulator',
  SELF_SIGNED_CERT_IN_CHAIN:
    'a proxy is intercepting TLS: trust its CA with NODE_EXTRA_CA_CERTS, or bypass it for the API host',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'trust the issuing CA with NODE_EXTRA_CA_CERTS, or bypass the TLS-intercepting proxy',
  CERT_HAS_EXPIRED:
    "check this machine's clock: a certificate looks expired when the clock is wrong",
}

const DEFAULT_FIX =
  'check WXMP_API_BASE and that this machine can open HTTPS connections to that host'

/** Reports whether the probe got an HTTP answer. */
export function checkApiHost(probe: Probe, apiBase: string): Finding {
  if (probe.reachable)
    return finding(
      'api-host',
      'ok',
      apiBase,
      `answered HTTP ${probe.status} in ${Math.round(probe.elapsedMs)} ms`,
    )
  const what =
    probe.error === 'timeout'
      ? `no answer within ${Math.round(probe.elapsedMs)} ms`
      : `the request failed (${probe.error})`
  return finding(
    'api-host',
    'fail',
    apiBase,
    `${what}; no API call can work`,
    FIXES[probe.error] ?? DEFAULT_FIX,
  )
}
