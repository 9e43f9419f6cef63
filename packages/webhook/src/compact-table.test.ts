import { describe, expect, it } from 'vitest'
import { VirtualClock } from '@wxmp/core'
import { CompactTable } from './compact-table.js'
import { SUCCESS, xmlResponse } from './http-types.js'

/** A tiny deterministic PRNG for the model test. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0
    return s / 2 ** 32
  }
}

describe('CompactTable', () => {
  it('agrees with a reference FIFO model over many random claims, settles and evictions', () => {
    const clock = new VirtualClock(0)
    const cap = 64
    const table = new CompactTable(cap, 1e12, clock, 64 * 1024)
    const model = new Map<string, string>() // key -> body, insertion-ordered
    const random = rng(7)
    for (let step = 0; step < 20_000; step++) {
      const key = `k${Math.floor(random() * 200)}`
      const claim = table.claim(key, 1)
      if (model.has(key)) {
        expect(claim.status).toBe('retry')
        if (claim.status === 'retry')
          expect((claim.response as { body: string }).body).toBe(model.get(key))
      } else {
        expect(claim.status).toBe('new')
        const body = `<xml>${key} ${step} 你好</xml>`
        if (claim.status === 'new') claim.settle(xmlResponse(body))
        model.set(key, body)
        if (model.size > cap) model.delete(model.keys().next().value!)
      }
      expect(table.size).toBe(model.size)
    }
  })

  it('refuses another fingerprint under a claimed key', () => {
    const table = new CompactTable(8, 1000, new VirtualClock(0), 4096)
    table.claim('nonce', 1)
    expect(table.claim('nonce', 2).status).toBe('replay')
  })

  it('answers a retry whose stored response was overwritten with success instead of running it twice', () => {
    const table = new CompactTable(1000, 1e9, new VirtualClock(0), 8192)
    const first = table.claim('a', 0)
    if (first.status === 'new') first.settle(xmlResponse('x'.repeat(200)))
    for (let i = 0; i < 60; i++) {
      const c = table.claim(`b${i}`, 0)
      if (c.status === 'new') c.settle(xmlResponse('y'.repeat(200)))
    }
    const retry = table.claim('a', 0)
    expect(retry).toEqual({ status: 'retry', response: SUCCESS })
  })

  it('keeps responses with extra headers intact', () => {
    const table = new CompactTable(4, 1e9, new VirtualClock(0), 4096)
    const c = table.claim('h', 0)
    const special = {
      status: 405,
      body: 'no',
      contentType: 'text/plain',
      headers: { Allow: 'GET' },
    }
    if (c.status === 'new') c.settle(special)
    const retry = table.claim('h', 0)
    expect(retry.status === 'retry' && retry.response).toEqual(special)
  })

  it('does not store a late settle into a slot reused by a newer key', () => {
    const table = new CompactTable(1, 1e9, new VirtualClock(0), 4096)
    const old = table.claim('old', 0)
    const fresh = table.claim('new', 0) // evicts 'old' and reuses its slot
    if (old.status === 'new') old.settle(xmlResponse('old answer'))
    if (fresh.status === 'new') fresh.settle(xmlResponse('new answer'))
    const retry = table.claim('new', 0)
    expect(retry.status === 'retry' && (retry.response as { body: string }).body).toBe('new answer')
  })
})
