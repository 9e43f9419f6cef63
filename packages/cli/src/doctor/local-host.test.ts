import { describe, expect, it } from 'vitest'
import { isLocalHost } from './local-host.js'

describe('isLocalHost', () => {
  it('knows loopback, private, link-local and local names', () => {
    for (const host of [
      'localhost',
      'dev.localhost',
      'printer.local',
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.10',
      '169.254.1.1',
      '0.0.0.0',
      '[::1]',
      'fd00::1',
      '::ffff:10.0.0.1',
    ])
      expect(isLocalHost(host), host).toBe(true)
  })

  it('treats public names and addresses as public', () => {
    for (const host of ['mp.example.com', '203.0.113.5', '172.32.0.1', '8.8.8.8', '2001:db8::1'])
      expect(isLocalHost(host), host).toBe(false)
  })
})
