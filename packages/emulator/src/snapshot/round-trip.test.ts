import { VirtualClock } from '@wxmp/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator } from '../emulator.js'
import type { Emulator } from '../emulator.js'
import { ACCOUNT, APPID } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { article } from '../handlers/articles.test.helpers.js'
import { clientOf, pattern, tempSnapshotFile } from './snapshot.test.helpers.js'

const open: Emulator[] = []
afterEach(() => {
  for (const emulator of open.splice(0)) emulator.close()
})

/** An emulator of the demo account persisting in `file`, on `clock`. */
function persistent(file: string, clock: VirtualClock, seed = 42): Emulator {
  const emulator = createEmulator({ accounts: [ACCOUNT], clock, seed, snapshotFile: file })
  open.push(emulator)
  return emulator
}

/** Closes `emulator` now (saving), instead of after the test. */
function closeNow(emulator: Emulator): void {
  open.splice(open.indexOf(emulator), 1)
  emulator.close()
}

const ok = (body: Json): Json => {
  expect(body.errcode ?? 0, JSON.stringify(body)).toBe(0)
  return body
}

const MENU = { button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }
const VIP_MENU = { button: [{ type: 'click', name: '会员', key: 'VIP' }] }
const ORDER_DATA = {
  character_string1: { value: 'DD20260101000123' },
  thing2: { value: '巧克力礼盒' },
  amount3: { value: '39.80元' },
  time4: { value: '2026年1月1日 12:30' },
}

describe('the SQLite snapshot: a restart keeps the state', () => {
  it('brings back everything changed through the API, and new ids do not collide', async () => {
    const file = tempSnapshotFile()
    const clock = new VirtualClock()
    const a = persistent(file, clock)
    expect(a.persistence?.restored).toBeUndefined()
    expect(a.persistence?.saves).toBe(1) // the new file's first snapshot
    const api = clientOf(a)
    const token = await api.token()
    const q = { access_token: token }

    ok(await api.call('POST', '/cgi-bin/menu/create', q, MENU))
    const tag = (await api.call('POST', '/cgi-bin/tags/create', q, { tag: { name: 'vip' } }))
      .tag as { id: number }
    const conditional = ok(
      await api.call('POST', '/cgi-bin/menu/addconditional', q, {
        ...VIP_MENU,
        matchrule: { tag_id: String(tag.id) },
      }),
    )
    const fan = a.fans.create(APPID, { remark: '' })
    const [, blacklisted] = a.fans.list(APPID)
    if (!blacklisted) throw new Error('no demo fan')
    ok(
      await api.call('POST', '/cgi-bin/tags/members/batchtagging', q, {
        openid_list: [fan.openid],
        tagid: tag.id,
      }),
    )
    ok(
      await api.call('POST', '/cgi-bin/user/info/updateremark', q, {
        openid: fan.openid,
        remark: '老客户',
      }),
    )
    ok(
      await api.call('POST', '/cgi-bin/tags/members/batchblacklist', q, {
        openid_list: [blacklisted.openid],
      }),
    )
    const temporary = await api.upload(
      '/cgi-bin/media/upload',
      token,
      'image',
      pattern(5000, 1),
      'a.jpg',
    )
    const image = await api.upload(
      '/cgi-bin/material/add_material',
      token,
      'image',
      pattern(7000, 2),
      'b.png',
    )
    const thumb = await api.upload(
      '/cgi-bin/material/add_material',
      token,
      'thumb',
      pattern(300, 3),
      't.jpg',
    )
    const kept = ok(
      await api.call('POST', '/cgi-bin/draft/add', q, {
        articles: [article(String(thumb.media_id), { title: '留着' })],
      }),
    )
    const toPublish = ok(
      await api.call('POST', '/cgi-bin/draft/add', q, {
        articles: [article(String(thumb.media_id), { title: '发布' })],
      }),
    )
    const submitted = ok(
      await api.call('POST', '/cgi-bin/freepublish/submit', q, { media_id: toPublish.media_id }),
    )
    clock.advance(3000)
    const published = ok(
      await api.call('POST', '/cgi-bin/freepublish/get', q, {
        publish_id: String(submitted.publish_id),
      }),
    )
    const articleId = String(published.article_id)
    const templates = (await api.call('GET', '/cgi-bin/template/get_all_private_template', q))
      .template_list as { template_id: string }[]
    const templateSent = ok(
      await api.call('POST', '/cgi-bin/message/template/send', q, {
        touser: fan.openid,
        template_id: templates[0]?.template_id,
        data: ORDER_DATA,
      }),
    )
    const massSent = ok(
      await api.call('POST', '/cgi-bin/message/mass/sendall', q, {
        filter: { is_to_all: true },
        msgtype: 'text',
        text: { content: '大家好' },
      }),
    )
    ok(
      await api.call('POST', '/customservice/kfaccount/add', q, {
        kf_account: 'kf1@wxmpdemo',
        nickname: '小客服',
      }),
    )
    const permanentQr = ok(
      await api.call('POST', '/cgi-bin/qrcode/create', q, {
        action_name: 'QR_LIMIT_STR_SCENE',
        action_info: { scene: { scene_str: 'persist' } },
      }),
    )
    const temporaryQr = ok(
      await api.call('POST', '/cgi-bin/qrcode/create', q, {
        action_name: 'QR_SCENE',
        expire_seconds: 3600,
        action_info: { scene: { scene_id: 7 } },
      }),
    )
    const receivedBefore = await api.call('GET', '/__emulator/received', { openid: fan.openid })
    const pendingBefore = a.state.outbox.pending()
    expect(pendingBefore.length).toBeGreaterThan(0)
    const pushBefore = a.push.snapshot()
    closeNow(a)

    // A new emulator from the file, its clock where the old one stopped.
    const bClock = new VirtualClock(clock.now())
    const b = persistent(file, bClock)
    expect(b.persistence?.restored).toEqual({
      savedAt: clock.now(),
      droppedAccounts: [],
      newAccounts: [],
    })
    const bApi = clientOf(b)

    // The same token still works, for the menu, with its conditional menu.
    const menu = ok(await bApi.call('GET', '/cgi-bin/menu/get', q))
    expect(menu.menu).toMatchObject({ button: [{ name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] })
    expect(menu.conditionalmenu).toEqual([
      expect.objectContaining({
        button: [expect.objectContaining({ key: 'VIP' })],
        matchrule: { tag_id: String(tag.id) },
        menuid: Number(conditional.menuid),
      }),
    ])
    // Tags, the fan's remark and tags, the blacklist.
    const tags = ok(await bApi.call('GET', '/cgi-bin/tags/get', q)).tags as Json[]
    expect(tags).toContainEqual({ id: tag.id, name: 'vip', count: 1 })
    const info = ok(await bApi.call('GET', '/cgi-bin/user/info', { ...q, openid: fan.openid }))
    expect(info).toMatchObject({ subscribe: 1, remark: '老客户', tagid_list: [tag.id] })
    const blacklist = ok(await bApi.call('POST', '/cgi-bin/tags/members/getblacklist', q, {}))
    expect(blacklist.data).toEqual({ openid: [blacklisted.openid] })
    // Media and material, byte for byte.
    expect(
      await bApi.download('GET', '/cgi-bin/media/get', token, String(temporary.media_id)),
    ).toEqual(pattern(5000, 1))
    const material = '/cgi-bin/material/get_material'
    expect(await bApi.download('POST', material, token, String(image.media_id))).toEqual(
      pattern(7000, 2),
    )
    // The kept draft, the publication and its article.
    const draft = ok(await bApi.call('POST', '/cgi-bin/draft/get', q, { media_id: kept.media_id }))
    expect(draft.news_item).toEqual([expect.objectContaining({ title: '留着' })])
    expect(ok(await bApi.call('GET', '/cgi-bin/draft/count', q)).total_count).toBe(1)
    const publication = ok(
      await bApi.call('POST', '/cgi-bin/freepublish/get', q, {
        publish_id: String(submitted.publish_id),
      }),
    )
    expect(publication).toMatchObject({ publish_status: 0, article_id: articleId })
    const got = ok(
      await bApi.call('POST', '/cgi-bin/freepublish/getarticle', q, { article_id: articleId }),
    )
    expect(got.news_item).toEqual([expect.objectContaining({ title: '发布' })])
    // What the fans received, the mass job, the job events still to deliver.
    expect(await bApi.call('GET', '/__emulator/received', { openid: fan.openid })).toEqual(
      receivedBefore,
    )
    const received = receivedBefore.received as { channel: string }[]
    expect(received.map((each) => each.channel)).toEqual(['template', 'mass'])
    const massStatus = async () =>
      ok(
        await bApi.call('POST', '/cgi-bin/message/mass/get', q, {
          msg_id: String(massSent.msg_id),
        }),
      ).msg_status
    expect(await massStatus()).toBe('SENDING')
    expect(b.state.outbox.pending()).toEqual(pendingBefore)
    expect(b.push.snapshot()).toEqual(pushBefore)
    bClock.advance(1000)
    expect(await massStatus()).toBe('SEND_SUCCESS')
    // The customer-service account, the QR codes (the same scene answers the same ticket).
    const kf = ok(await bApi.call('GET', '/cgi-bin/customservice/getkflist', q))
    expect(kf.kf_list).toEqual([
      expect.objectContaining({ kf_account: 'kf1@wxmpdemo', kf_nick: '小客服', kf_id: '1001' }),
    ])
    const again = ok(
      await bApi.call('POST', '/cgi-bin/qrcode/create', q, {
        action_name: 'QR_LIMIT_STR_SCENE',
        action_info: { scene: { scene_str: 'persist' } },
      }),
    )
    expect(again.ticket).toBe(permanentQr.ticket)
    expect(b.state.qrcodes.resolve(String(temporaryQr.ticket))).toMatchObject({ scene: 7 })
    expect(
      ok(await bApi.call('GET', '/cgi-bin/template/get_all_private_template', q)).template_list,
    ).toEqual(templates)

    // New ids go on from the old ones: nothing handed out before comes again.
    const newToken = await bApi.token()
    expect(newToken).not.toBe(token)
    const newTag = (await bApi.call('POST', '/cgi-bin/tags/create', q, { tag: { name: 'new' } }))
      .tag as { id: number }
    expect(newTag.id).toBe(tag.id + 1)
    const newTemporary = await bApi.upload(
      '/cgi-bin/media/upload',
      token,
      'image',
      pattern(10, 9),
      'c.jpg',
    )
    expect(newTemporary.media_id).not.toBe(temporary.media_id)
    const newDraft = ok(
      await bApi.call('POST', '/cgi-bin/draft/add', q, {
        articles: [article(String(thumb.media_id))],
      }),
    )
    expect([kept.media_id, toPublish.media_id]).not.toContain(newDraft.media_id)
    const newTemplateSend = ok(
      await bApi.call('POST', '/cgi-bin/message/template/send', q, {
        touser: fan.openid,
        template_id: templates[0]?.template_id,
        data: ORDER_DATA,
      }),
    )
    expect(newTemplateSend.msgid).not.toBe(templateSent.msgid)
    const newMass = ok(
      await bApi.call('POST', '/cgi-bin/message/mass/sendall', q, {
        filter: { is_to_all: true },
        msgtype: 'text',
        text: { content: '再见' },
      }),
    )
    expect(BigInt(String(newMass.msg_id))).toBeGreaterThan(BigInt(String(massSent.msg_id)))
    const newQr = ok(
      await bApi.call('POST', '/cgi-bin/qrcode/create', q, {
        action_name: 'QR_SCENE',
        expire_seconds: 60,
        action_info: { scene: { scene_id: 7 } },
      }),
    )
    expect([temporaryQr.ticket, permanentQr.ticket]).not.toContain(newQr.ticket)
    expect(newQr.url).not.toBe(temporaryQr.url)
    const newFan = b.fans.create(APPID)
    expect(a.fans.list(APPID).map((each) => each.openid)).not.toContain(newFan.openid)
  })
})
