/**
 * The API IP whitelist (接口IP白名单, §5.1): when an account has one, only those addresses may fetch
 * its access_token; any other caller gets 40164 with WeChat's errmsg naming the address. Off by
 * default, as a fresh emulator should let any local client in.
 */
import { isIPv4 } from 'node:net'

/** The address a request came from, as WeChat reports it: IPv4-mapped IPv6 unwrapped. */
export function callerAddress(remoteAddress: string | undefined): string {
  const address = remoteAddress ?? '127.0.0.1'
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address
}

/** One whitelist entry: an exact address, or an IPv4 range in CIDR form (`203.0.113.0/24`). */
function matches(entry: string, address: string): boolean {
  const [base = '', bits] = entry.split('/')
  if (bits === undefined) return base === address
  if (!isIPv4(base) || !isIPv4(address)) return false
  const prefix = Number(bits)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0
  return (toNumber(base) & mask) >>> 0 === (toNumber(address) & mask) >>> 0
}

function toNumber(ipv4: string): number {
  return ipv4.split('.').reduce((sum, part) => sum * 256 + Number(part), 0)
}

/** Whether `entry` is something a whitelist can hold (an IP, or an IPv4 CIDR range). */
export function isWhitelistEntry(entry: string): boolean {
  const [base = '', bits, extra] = entry.split('/')
  if (extra !== undefined) return false
  if (bits === undefined) return isIPv4(base) || base.includes(':')
  const prefix = Number(bits)
  return isIPv4(base) && /^\d+$/.test(bits) && prefix >= 0 && prefix <= 32
}

/** Whitelists by (lower-case) AppID; an account without one admits every caller. */
export class IpWhitelists {
  readonly #lists = new Map<string, readonly string[]>()

  /** Sets `appid`'s whitelist; `undefined` switches it off. */
  set(appid: string, entries: readonly string[] | undefined): void {
    const key = appid.toLowerCase()
    if (entries === undefined) this.#lists.delete(key)
    else this.#lists.set(key, [...entries])
  }

  /** `appid`'s whitelist, or `undefined` when it has none. */
  get(appid: string): readonly string[] | undefined {
    return this.#lists.get(appid.toLowerCase())
  }

  /** Whether `address` may fetch `appid`'s token. */
  admits(appid: string, address: string): boolean {
    const list = this.#lists.get(appid.toLowerCase())
    return list === undefined || list.some((entry) => matches(entry, address))
  }
}
