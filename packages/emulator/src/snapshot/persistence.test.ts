import { VirtualClock } from '@wxmp/core'
import type { AccountConfig } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { AdjustableClock } from '../adjustable-clock.js'
import { DEMO_FANS } from '../fans.js'
import { createEmulator } from '../emulator.js'
import { ACCOUNT, APPID } from '../emulator.test.helpers.js'
import { seededRandom } from '../random.js'
import { loadSnapshot } from './index.js'
import { clientOf, tempSnapshotFile } from './snapshot.test.helpers.js'

const OTHER: AccountConfig = { ...ACCOUNT, appid: 'wx1111111111111111' }
const THIRD: AccountConfig = { ...ACCOUNT, appid: 'wx2222222222222222' }

describe('saving after changes', () => {
  it('saves at most once per second on the clock while calls come in, and on close', async () => {
    const file = tempSnapshotFile()
    const clock = new VirtualClock()
    const emulator = createEmulator({ accounts: [ACCOUNT], clock, seed: 5, snapshotFile: file })
    const persistence = emulator.persistence
    if (!persistence) throw new Error('no persistence')
    expect(persistence.file).toBe(file)
    expect(persistence.saves).toBe(1)
    expect(persistence.pending).toBe(false)
    const api = clientOf(emulator)

    const token = await api.token()
    await api.call('POST', '/cgi-bin/tags/create', { access_token: token }, { tag: { name: 'a' } })
    clock.advance(500)
    await api.call('POST', '/cgi-bin/tags/create', { access_token: token }, { tag: { name: 'b' } })
    expect(persistence.pending).toBe(true)
    expect(persistence.saves).toBe(1)
    expect(loadSnapshot(file).state.tags.accounts).toEqual([])

    clock.advance(499)
    expect(persistence.saves).toBe(1)
    clock.advance(1) // a second after the first change: one save for both calls
    expect(persistence.saves).toBe(2)
    expect(persistence.pending).toBe(false)
    const tags = loadSnapshot(file).state.tags.accounts[0]?.tags.map((tag) => tag.name)
    expect(tags).toEqual(['星标组', 'a', 'b'])

    // Inspection calls count as changes too; close saves what is still pending.
    await api.call('POST', '/__emulator/fans', {}, { remark: 'late' })
    expect(persistence.pending).toBe(true)
    emulator.close()
    expect(persistence.saves).toBe(3)
    const fans = loadSnapshot(file).state.fans.fans[0]?.fans ?? []
    expect(fans.map((fan) => fan.remark)).toContain('late')
  })

  it('saves when delivered job events leave the outbox', async () => {
    const file = tempSnapshotFile()
    const clock = new VirtualClock()
    const emulator = createEmulator({
      accounts: [ACCOUNT],
      clock,
      seed: 5,
      snapshotFile: file,
      deliverJobEvents: true,
      fetch: () => Promise.resolve(new Response('success')),
    })
    const api = clientOf(emulator)
    const access_token = await api.token()
    await api.call(
      'POST',
      '/cgi-bin/message/mass/sendall',
      { access_token },
      { filter: { is_to_all: true }, msgtype: 'text', text: { content: 'hi' } },
    )
    clock.advance(1000)
    expect(loadSnapshot(file).state.outbox.pending).toHaveLength(1)
    await clock.advanceAsync(1000) // the event falls due and goes out
    await emulator.push.idle()
    clock.advance(1000)
    expect(loadSnapshot(file).state.outbox.pending).toHaveLength(0)
    emulator.close()
  })

  it('reports a timed save that fails instead of throwing it into a timer', () => {
    const file = tempSnapshotFile()
    const clock = new VirtualClock()
    const errors: unknown[] = []
    const emulator = createEmulator({
      accounts: [ACCOUNT],
      clock,
      snapshotFile: file,
      onSnapshotError: (error) => errors.push(error),
    })
    // A bigint cannot be saved: the next save fails.
    emulator.state.received.record(APPID, 'oX', {
      channel: 'template',
      msgtype: 'text',
      payload: { id: 1n },
      sentAt: 0,
      status: 'success',
    })
    emulator.persistence?.changed()
    clock.advance(1000)
    expect(errors).toHaveLength(1)
    expect(emulator.persistence?.lastError).toBe(errors[0])
    expect(() => emulator.close()).toThrow(
      /^cannot save the emulator snapshot .*: snapshot: id is a bigint/,
    )
  })
})

describe('accounts and clocks across a restart', () => {
  it("drops a removed account's state and seeds a newly configured one", () => {
    const file = tempSnapshotFile()
    const first = createEmulator({
      accounts: [ACCOUNT, OTHER],
      clock: new VirtualClock(),
      seed: 9,
      snapshotFile: file,
    })
    first.state.tags.add(OTHER.appid, 'gone')
    const fansBefore = first.fans.list(APPID).map((fan) => fan.openid)
    first.close()

    const second = createEmulator({
      accounts: [ACCOUNT, THIRD],
      clock: new VirtualClock(),
      seed: 9,
      snapshotFile: file,
    })
    expect(second.persistence?.restored).toMatchObject({
      droppedAccounts: [OTHER.appid],
      newAccounts: [THIRD.appid],
    })
    expect(second.fans.list(APPID).map((fan) => fan.openid)).toEqual(fansBefore)
    expect(second.fans.list(THIRD.appid)).toHaveLength(DEMO_FANS)
    expect(second.state.templates.list(THIRD.appid)).toHaveLength(2)
    // The new account's demo fans come from where the stream stopped, not from the seed again.
    expect(second.fans.list(THIRD.appid).map((fan) => fan.openid)).not.toEqual(
      first.fans.list(OTHER.appid).map((fan) => fan.openid),
    )
    expect(second.state.tags.list(OTHER.appid).map((tag) => tag.name)).toEqual(['星标组'])
    second.close()
    expect(loadSnapshot(file).accounts).toEqual([APPID, THIRD.appid])
  })

  it("keeps an AdjustableClock's offset, not a VirtualClock's time", () => {
    const file = tempSnapshotFile()
    const clock = new AdjustableClock()
    const first = createEmulator({ accounts: [ACCOUNT], clock, snapshotFile: file })
    clock.advance(3_600_000)
    first.close()
    expect(loadSnapshot(file).clockOffset).toBe(3_600_000)
    const later = new AdjustableClock()
    createEmulator({ accounts: [ACCOUNT], clock: later, snapshotFile: file }).close()
    expect(later.offset).toBe(3_600_000)

    const virtual = tempSnapshotFile()
    createEmulator({
      accounts: [ACCOUNT],
      clock: new VirtualClock(),
      snapshotFile: virtual,
    }).close()
    expect(loadSnapshot(virtual).clockOffset).toBeUndefined()
  })

  it('restores from data without a file, and the streams go on where they stopped', () => {
    const a = createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed: 11 })
    const b = createEmulator({
      accounts: [ACCOUNT],
      restore: a.snapshot(),
      clock: new VirtualClock(),
    })
    expect(b.fans.create(APPID).openid).toBe(a.fans.create(APPID).openid)
    expect(b.persistence).toBeUndefined()
  })
})

describe('seededRandom', () => {
  it('tells its position and continues from a restored one', () => {
    const random = seededRandom(123)
    random()
    const at = random.state()
    const next = [random(), random()]
    const other = seededRandom(0)
    other.restore(at)
    expect([other(), other()]).toEqual(next)
    expect(() => other.restore(-1)).toThrow(RangeError)
  })
})
