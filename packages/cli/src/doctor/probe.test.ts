import { describe, expect, it } from 'vitest'
import { checkApiHost } from './check-api-host.js'
import { closedPort, serveStub, skewedDateServer } from './network.test-support.js'
import { errorCode, probeApiHost } from './probe.js'

describe('probeApiHost + checkApiHost', () => {
  it('counts any HTTP answer as reachable and keeps its Date header', async () => {
    const base = await skewedDateServer(0)
    const probe = await probeApiHost(base, { timeoutMs: 2000 })
    expect(probe).toMatchObject({ reachable: true, status: 200, url: `${base}/cgi-bin/token` })
    expect(probe.reachable && Date.parse(probe.date!)).toBeGreaterThan(0)
    expect(checkApiHost(probe, base)).toMatchObject({ check: 'api-host', status: 'ok' })
  })

  it('fails a refused connection with the fix for a server that is not running', async () => {
    const base = await closedPort()
    const probe = await probeApiHost(base, { timeoutMs: 2000 })
    expect(probe).toMatchObject({ reachable: false, error: 'ECONNREFUSED' })
    const f = checkApiHost(probe, base)
    expect(f.status).toBe('fail')
    expect(f.fix).toContain('wxmp emulator')
  })

  it('gives up after the timeout on a host that never answers', async () => {
    const base = await serveStub(() => undefined) // holds every request open
    const probe = await probeApiHost(base, { timeoutMs: 100 })
    expect(probe).toMatchObject({ reachable: false, error: 'timeout' })
    const f = checkApiHost(probe, base)
    expect(f.message).toMatch(/no answer within \d+ ms/)
    expect(f.fix).toContain('firewall')
  })

  it('names a failure by its deepest error code', () => {
    const inner = Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' })
    expect(errorCode(new TypeError('fetch failed', { cause: inner }))).toBe('ENOTFOUND')
    expect(errorCode(new DOMException('timed out', 'TimeoutError'))).toBe('timeout')
    expect(errorCode('odd')).toBe('odd')
  })
})
