import { describe, expect, it } from 'vitest'
import { MemoryMessageLog } from './memory-message-log.js'
import { sampleEntry } from './test-support.js'

describe('MemoryMessageLog', () => {
  it('keeps at most `capacity` entries, forgetting the oldest and counting them as dropped', async () => {
    const log = new MemoryMessageLog({ capacity: 3 })
    for (let at = 1; at <= 5; at++) log.append(sampleEntry({ at }))
    expect((await log.query()).map((e) => e.at)).toEqual([5, 4, 3])
    expect(log.stats()).toMatchObject({ written: 5, dropped: 2, queued: 0 })
  })

  it('holds 10,000 entries by default', async () => {
    const log = new MemoryMessageLog()
    for (let at = 1; at <= 10_001; at++) log.append(sampleEntry({ at }))
    expect(log.stats().dropped).toBe(1)
    expect(await log.query({ limit: 10_000, before: 2 })).toEqual([])
    expect(await log.query({ limit: 1, before: 3 })).toMatchObject([{ at: 2 }])
  })

  it('returns copies, so editing a result does not rewrite the log', async () => {
    const log = new MemoryMessageLog()
    log.append(sampleEntry({ reply: 'success' }))
    const [found] = await log.query()
    found!.reply = 'tampered'
    expect((await log.query())[0]!.reply).toBe('success')
  })
})
