import { describe, expect, it } from 'vitest'
import { ACCOUNT, exampleRig } from '../rig.test-support.js'
import echoApp, { WELCOME } from './app.js'

describe('examples/echo: 你问我答 + 图尚往来', () => {
  it('answers a text with the same text (你问我答)', async () => {
    const rig = await exampleRig(() => echoApp)
    expect(await rig.say('你好，公众号')).toBe('你好，公众号')
    expect(await rig.say('emoji 👍 and <xml> & ]]> survive')).toBe(
      'emoji 👍 and <xml> & ]]> survive',
    )
  })

  it("answers an image with the fan's own image, by its MediaId (图尚往来)", async () => {
    const rig = await exampleRig(() => echoApp)
    const report = await rig.push({ kind: 'image' })
    const sent = report.message as { MediaId: string }
    expect(sent.MediaId).toMatch(/\S{20,}/)
    expect(report.reply).toEqual({ type: 'image', Image: { MediaId: sent.MediaId } })
    // The fan really received it, as the platform records passive replies.
    const received = rig.emulator.state.received.forFan(ACCOUNT.appid, rig.fan)
    expect(received.at(-1)).toMatchObject({ channel: 'reply', msgtype: 'image' })
  })

  it('welcomes a new follower', async () => {
    const rig = await exampleRig(() => echoApp)
    const newcomer = rig.emulator.fans.create(ACCOUNT.appid, { subscribed: false })
    const report = await rig.push({ kind: 'event.subscribe' }, newcomer.openid)
    expect(report.reply).toEqual({ type: 'text', Content: WELCOME })
  })
})
