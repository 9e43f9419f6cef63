import { describe, expect, it } from 'vitest'
import { exampleRig } from '../rig.test-support.js'
import menuApp, { GUIDE_REPLY } from './app.js'
import { GUIDE_KEY, SITE_URL, TODAY_KEY, tutorialMenu } from './menu.js'
import { publishMenu } from './publish-menu.js'

describe('examples/menu: click, view and media_id buttons', () => {
  it('publishes the menu through the SDK, one button of each kind', async () => {
    const rig = await exampleRig(() => menuApp)
    const posterId = await publishMenu(rig.client)
    const { menu } = await rig.client.menu.get()
    const [guide, site, more] = menu.button
    expect(guide).toMatchObject({ type: 'click', name: '公众号指南', key: GUIDE_KEY })
    expect(site).toMatchObject({ type: 'view', url: SITE_URL })
    expect(more?.sub_button?.[0]).toMatchObject({ type: 'media_id', media_id: posterId })
    expect(more?.sub_button?.[1]).toMatchObject({ type: 'click', key: TODAY_KEY })
  })

  it('answers the guide button with 编写之中', async () => {
    const rig = await exampleRig(() => menuApp)
    await publishMenu(rig.client)
    const report = await rig.push({ kind: 'event.CLICK', EventKey: GUIDE_KEY })
    expect(report.reply).toEqual({ type: 'text', Content: GUIDE_REPLY })
    const other = await rig.push({ kind: 'event.CLICK', EventKey: TODAY_KEY })
    expect(other.reply).toMatchObject({
      type: 'text',
      Content: expect.stringContaining('今日推荐'),
    })
  })

  it('acknowledges a view button without a reply', async () => {
    const rig = await exampleRig(() => menuApp)
    const report = await rig.push({ kind: 'event.VIEW', EventKey: SITE_URL })
    expect(report.acknowledged).toBe(true)
    expect(report.reply).toBeNull()
  })

  it('refuses a menu WeChat would refuse before sending it', () => {
    expect(() => tutorialMenu('')).toThrow(/media_id/)
  })
})
