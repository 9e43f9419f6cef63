import { describe, expect, it } from 'vitest'
import { ACCOUNT, exampleRig } from '../rig.test-support.js'
import { WELCOME, welcomeApp } from './app.js'
import { SHIPPED_TITLE, notifyShipped } from './notify.js'

describe('examples/welcome: a welcome on follow and a template notification', () => {
  it('greets a new follower, naming the QR scene they came through', async () => {
    const rig = await exampleRig(welcomeApp)
    const plain = rig.emulator.fans.create(ACCOUNT.appid, { subscribed: false })
    const report = await rig.push({ kind: 'event.subscribe' }, plain.openid)
    expect(report.reply).toEqual({ type: 'text', Content: WELCOME })
    expect(rig.emulator.fans.get(ACCOUNT.appid, plain.openid)?.subscribed).toBe(true)

    const scanned = rig.emulator.fans.create(ACCOUNT.appid, { subscribed: false })
    const viaQr = await rig.push(
      {
        kind: 'event.subscribe',
        EventKey: 'qrscene_poster42',
        Ticket: 'gQH47joAAAAAAAAAASxodHRwOi8v',
      },
      scanned.openid,
    )
    expect(viaQr.reply).toMatchObject({ Content: expect.stringContaining('poster42') })
  })

  it('sends 订单发货提醒 through the SDK when the fan asks, and the fan receives it', async () => {
    const rig = await exampleRig(welcomeApp)
    expect(await rig.say('发货')).toBe('发货提醒已发送，请查看模板消息')
    const received = rig.emulator.state.received.forFan(ACCOUNT.appid, rig.fan)
    const template = received.find((m) => m.channel === 'template')
    expect(template).toBeDefined()
    expect(template!.status).toBe('success')
    const payload = template!.payload as { data: Record<string, { value: string }> }
    expect(payload.data.thing2?.value).toBe('顺丰速运')
    expect(payload.data.character_string1?.value).toBe('DD202603010001')
  })

  it('does not send a notification twice for the same order', async () => {
    const rig = await exampleRig(welcomeApp)
    const shipment = {
      orderId: 'DD1',
      carrier: '顺丰速运',
      trackingNo: 'SF1',
      shippedAt: '2026年3月1日 16:00',
    }
    const first = await notifyShipped(rig.client, rig.fan, shipment)
    const again = await notifyShipped(rig.client, rig.fan, shipment)
    expect(again).toBe(first)
    const templates = rig.emulator.state.received
      .forFan(ACCOUNT.appid, rig.fan)
      .filter((m) => m.channel === 'template')
    expect(templates).toHaveLength(1)
  })

  it('says which template to add when the account lacks it', async () => {
    const rig = await exampleRig(welcomeApp)
    const { template_list } = await rig.client.template.list()
    for (const t of template_list.filter((t) => t.title === SHIPPED_TITLE))
      await rig.client.template.delete({ template_id: t.template_id })
    await expect(
      notifyShipped(rig.client, rig.fan, {
        orderId: 'x',
        carrier: 'y',
        trackingNo: 'z',
        shippedAt: '2026年3月1日',
      }),
    ).rejects.toThrow(/模板库/)
  })
})
