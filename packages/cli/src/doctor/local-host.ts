/** Whether a host name or IP literal can only be reached from this machine or its network. */
import { isIP } from 'node:net'

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa']

/**
 * True for loopback, private, link-local and unspecified addresses and for names that only
 * resolve locally (`localhost`, `*.local`, …). WeChat's servers cannot reach any of them.
 */
export function isLocalHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (name === 'localhost' || LOCAL_SUFFIXES.some((s) => name.endsWith(s))) return true
  const family = isIP(name)
  if (family === 4) return isLocalIpv4(name)
  if (family === 6) return isLocalIpv6(name)
  return false
}

function isLocalIpv4(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number)
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) // carrier-grade NAT
  )
}

function isLocalIpv6(ip: string): boolean {
  if (ip === '::' || ip === '::1') return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip)?.[1]
  if (mapped !== undefined) return isLocalIpv4(mapped)
  return /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip)
}
