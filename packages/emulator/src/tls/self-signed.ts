/**
 * A self-signed certificate for `wxmp emulator --tls`: an ECDSA P-256 key and an X.509 v3
 * certificate for 127.0.0.1, ::1, localhost and WeChat's API host names, so clients that insist
 * on https (or hard-code `https://api.weixin.qq.com`) can be pointed at the emulator. Built with
 * node:crypto alone; clients must trust it explicitly (its PEM is returned and can be saved).
 */
import { HOST_NAMES } from '@wxmp/spec'
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import {
  bitString,
  element,
  explicit,
  integer,
  octetString,
  oid,
  sequence,
  set,
  utcTime,
  utf8,
} from './der.js'

/** A certificate and its key, both PEM. */
export interface TlsMaterial {
  readonly cert: string
  readonly key: string
}

/** What the certificate covers. */
export interface SelfSignedOptions {
  /** DNS names; defaults to localhost and WeChat's API hosts. */
  readonly dnsNames?: readonly string[]
  /** IPv4/IPv6 addresses; defaults to 127.0.0.1 and ::1. */
  readonly ipAddresses?: readonly string[]
  /** Validity start (default now) and length in days (default 30). */
  readonly notBefore?: Date
  readonly days?: number
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'))
const COMMON_NAME = '2.5.4.3'
const SUBJECT_ALT_NAME = '2.5.29.17'
const BASIC_CONSTRAINTS = '2.5.29.19'

/** The default DNS names: loopback plus the hosts WeChat clients call. */
export const DEFAULT_DNS_NAMES: readonly string[] = ['localhost', ...Object.values(HOST_NAMES)]

/** Makes a fresh key and a self-signed certificate for it. */
export function createSelfSignedCertificate(options: SelfSignedOptions = {}): TlsMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const notBefore = options.notBefore ?? new Date()
  const notAfter = new Date(notBefore.getTime() + (options.days ?? 30) * 86_400_000)
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8('wxmp emulator'))))
  const altNames = [
    ...(options.dnsNames ?? DEFAULT_DNS_NAMES).map((dns) => element(0x82, Buffer.from(dns))),
    ...(options.ipAddresses ?? ['127.0.0.1', '::1']).map((ip) => element(0x87, ipBytes(ip))),
  ]
  const extensions = explicit(
    3,
    sequence(
      sequence(oid(SUBJECT_ALT_NAME), octetString(sequence(...altNames))),
      // Not a CA: the certificate only vouches for itself.
      sequence(oid(BASIC_CONSTRAINTS), octetString(sequence())),
    ),
  )
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    integer(randomBytes(16)),
    ECDSA_WITH_SHA256,
    name,
    sequence(utcTime(notBefore), utcTime(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  )
  const signature = sign('sha256', tbs, privateKey)
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature))
  return {
    cert: pem('CERTIFICATE', der),
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** An address's bytes: 4 for IPv4, 16 for IPv6 (`::` expanded). */
function ipBytes(ip: string): Buffer {
  if (!ip.includes(':')) return Buffer.from(ip.split('.').map(Number))
  const [head = '', tail = ''] = ip.split('::')
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const front = groups(head)
  const back = ip.includes('::') ? groups(tail) : []
  const middle = new Array<string>(8 - front.length - back.length).fill('0')
  const all = ip.includes('::') ? [...front, ...middle, ...back] : front
  const bytes = Buffer.alloc(16)
  all.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2))
  return bytes
}
