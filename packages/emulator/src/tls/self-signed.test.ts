import { X509Certificate, createPrivateKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSelfSignedCertificate } from './self-signed.js'

describe('createSelfSignedCertificate', () => {
  it('makes a certificate node parses, signed by its own key, for loopback and WeChat hosts', () => {
    const notBefore = new Date('2026-11-21T00:00:00Z')
    const { cert, key } = createSelfSignedCertificate({ notBefore, days: 10 })
    const x509 = new X509Certificate(cert)
    expect(x509.subject).toBe('CN=wxmp emulator')
    expect(x509.issuer).toBe(x509.subject)
    expect(x509.verify(x509.publicKey)).toBe(true)
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true)
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(x509.checkIP('::1')).toBe('::1')
    expect(x509.checkHost('api.weixin.qq.com')).toBe('api.weixin.qq.com')
    expect(x509.checkHost('localhost')).toBe('localhost')
    expect(x509.checkHost('example.com')).toBeUndefined()
    expect(x509.ca).toBe(false)
    expect(new Date(x509.validFrom).toISOString()).toBe('2026-11-21T00:00:00.000Z')
    expect(new Date(x509.validTo).toISOString()).toBe('2026-12-01T00:00:00.000Z')
  })

  it('gives every certificate its own key and serial number', () => {
    const a = new X509Certificate(createSelfSignedCertificate().cert)
    const b = new X509Certificate(createSelfSignedCertificate().cert)
    expect(a.serialNumber).not.toBe(b.serialNumber)
    expect(a.fingerprint256).not.toBe(b.fingerprint256)
  })
})
