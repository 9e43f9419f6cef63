import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { ok } from './schemas.js'

describe('endpoint and defineScope', () => {
  const scope = defineScope('demo', {
    ping: endpoint('GET /cgi-bin/demo/ping', {
      title: '示例',
      doc: 'Demo/Ping',
      idempotent: true,
      response: ok,
    }),
    show: endpoint('GET /cgi-bin/showdemo', {
      title: '示例',
      doc: 'Demo/Show',
      host: 'mp',
      auth: 'none',
      idempotent: true,
      query: z.object({ ticket: z.string() }),
      response: ok,
    }),
  })

  it('splits the route and fills the defaults', () => {
    expect(scope['demo.ping']).toMatchObject({
      id: 'demo.ping',
      scope: 'demo',
      name: 'ping',
      route: 'GET /cgi-bin/demo/ping',
      method: 'GET',
      path: '/cgi-bin/demo/ping',
      host: 'api',
      auth: 'accessToken',
      errcodes: [],
    })
  })

  it('keeps what the definition sets', () => {
    expect(scope['demo.show']).toMatchObject({ host: 'mp', auth: 'none' })
  })

  it('freezes entries and scopes', () => {
    expect(Object.isFrozen(scope)).toBe(true)
    expect(Object.isFrozen(scope['demo.ping'])).toBe(true)
  })
})
