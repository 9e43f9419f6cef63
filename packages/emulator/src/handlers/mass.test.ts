import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { TEMPORARY_TTL_SECONDS } from '../media-store.js'
import { FIRST_MASS_MSG_ID, FIRST_MSG_DATA_ID } from '../mass-store.js'
import { CLIENTMSGID_RETRY_MS, MASS_SENDER, MAX_MASS_PER_MONTH, MIN_MASS_JOB_MS } from './mass.js'
import { messageHarness } from './messages.test.helpers.js'

const SENDALL = '/cgi-bin/message/mass/sendall'
const SEND = '/cgi-bin/message/mass/send'
const PREVIEW = '/cgi-bin/message/mass/preview'
const GET = '/cgi-bin/message/mass/get'
const DELETE = '/cgi-bin/message/mass/delete'

const text = (content: string) => ({ msgtype: 'text', text: { content } })
const toAll = { filter: { is_to_all: true } }

async function setup() {
  const h = await messageHarness()
  const followers = () => h.emulator.fans.list(APPID).filter((fan) => fan.subscribed)
  const openids = () => followers().map((fan) => fan.openid)
  const received = (openid: string) => h.emulator.state.received.forFan(APPID, openid)
  const pending = () => h.emulator.state.outbox.pending()
  const status = async (msg_id: unknown) => (await h.post(GET, { msg_id })).msg_status
  const uploadNews = async (count = 1) => {
    const thumb = h.media('thumb')
    const articles = Array.from({ length: count }, (_, i) => ({
      title: `第${i + 1}篇`,
      thumb_media_id: thumb,
      content: '<p>正文</p>',
    }))
    return String((await h.post('/cgi-bin/media/uploadnews', { articles })).media_id)
  }
  const uploadVideo = async () =>
    String(
      (
        await h.post('/cgi-bin/media/uploadvideo', {
          media_id: h.media('video'),
          title: '标题',
          description: '简介',
        })
      ).media_id,
    )
  return { ...h, followers, openids, received, pending, status, uploadNews, uploadVideo }
}

describe('mass/sendall and mass/send (§6.5)', () => {
  it('sends to every follower, answers a bare msg_id and reports MASSSENDJOBFINISH 1 s later', async () => {
    const { postRaw, openids, received, pending, clock, status } = await setup()
    const sentAt = clock.now()
    const { json, text: raw } = await postRaw(SENDALL, { ...toAll, ...text('hello') })
    expectValidResponse('mass.sendAll', json)
    const msgId = String(FIRST_MASS_MSG_ID)
    expect(json).toEqual({ errcode: 0, errmsg: 'send job submission success', msg_id: msgId })
    expect(raw).toContain(`"msg_id":${msgId}`)

    expect(openids()).toHaveLength(4)
    for (const openid of openids())
      expect(received(openid)).toEqual([
        {
          channel: 'mass',
          msgId,
          msgtype: 'text',
          payload: { content: 'hello' },
          sentAt,
          status: 'SEND_SUCCESS',
        },
      ])
    expect(pending()).toEqual([
      {
        appid: APPID.toLowerCase(),
        event: {
          kind: 'event.MASSSENDJOBFINISH',
          FromUserName: MASS_SENDER,
          MsgID: msgId,
          Status: 'send success',
          TotalCount: 4,
          FilterCount: 4,
          SentCount: 4,
          ErrorCount: 0,
        },
        dueAt: sentAt + MIN_MASS_JOB_MS,
        sequence: 0,
      },
    ])

    // Sending until the job finishes; mass/get takes the id as a string or a number.
    expect(await status(msgId)).toBe('SENDING')
    clock.advance(MIN_MASS_JOB_MS - 1)
    expect(await status(Number(msgId))).toBe('SENDING')
    clock.advance(1)
    expect(await status(msgId)).toBe('SEND_SUCCESS')
  })

  it('sends to the followers of a tag, and answers 45159 for a missing or unknown tag', async () => {
    const { post, followers, received } = await setup()
    const [a, b, c] = followers()
    if (!a || !b || !c) throw new Error('demo followers')
    const tag = (await post('/cgi-bin/tags/create', { tag: { name: 'vip' } })).tag as { id: number }
    await post('/cgi-bin/tags/members/batchtagging', {
      openid_list: [a.openid, b.openid],
      tagid: tag.id,
    })
    const sent = await post(SENDALL, {
      filter: { is_to_all: false, tag_id: tag.id },
      ...text('vip'),
    })
    expect(sent.errcode).toBe(0)
    expect(received(a.openid)).toHaveLength(1)
    expect(received(b.openid)).toHaveLength(1)
    expect(received(c.openid)).toEqual([])

    expectError(
      await post(SENDALL, { filter: { is_to_all: false, tag_id: 999 }, ...text('x') }),
      ERRCODE.INVALID_TAG_ID,
    )
    expectError(
      await post(SENDALL, { filter: { is_to_all: false }, ...text('y') }),
      ERRCODE.INVALID_TAG_ID,
    )
  })

  it('sends to a list of followers, skipping unknown OpenIDs and former followers', async () => {
    const { post, followers, received, pending, emulator } = await setup()
    const [a, b] = followers()
    if (!a || !b) throw new Error('demo followers')
    const former = emulator.fans.list(APPID).find((fan) => !fan.subscribed)
    if (!former) throw new Error('demo former follower')
    const sent = await post(SEND, {
      touser: [a.openid, b.openid, former.openid, 'oNobody00000000000000000000'],
      ...text('list'),
    })
    expectValidResponse('mass.send', sent)
    expect(received(a.openid)).toHaveLength(1)
    expect(received(former.openid)).toEqual([])
    expect(pending()[0]?.event).toMatchObject({ TotalCount: 2, FilterCount: 2, SentCount: 2 })
  })

  it('answers 40130 for fewer than 2 distinct OpenIDs and 40032 for more than 10,000', async () => {
    const { post, openids } = await setup()
    const [a] = openids()
    const one = await post(SEND, { touser: [a], ...text('x') })
    expectError(one, ERRCODE.OPENID_LIST_TOO_SHORT)
    expect(one.errmsg).toMatch(/^invalid openid list size, at least two openid rid: /)
    expectError(await post(SEND, { touser: [a, a], ...text('x') }), ERRCODE.OPENID_LIST_TOO_SHORT)
    expectError(await post(SEND, { touser: [], ...text('x') }), ERRCODE.OPENID_LIST_TOO_SHORT)
    const many = Array.from({ length: 10_001 }, (_, i) => `o${String(i).padStart(27, '0')}`)
    expectError(await post(SEND, { touser: many, ...text('x') }), ERRCODE.INVALID_OPENID_LIST_SIZE)
    expect((await post(SEND, { touser: many.slice(1), ...text('x') })).errcode).toBe(0)
  })

  it('answers 40008 for a msgtype mass sends do not take and 47001 for a malformed body', async () => {
    const { post } = await setup()
    expectError(
      await post(SENDALL, { ...toAll, msgtype: 'news', news: {} }),
      ERRCODE.INVALID_MESSAGE_TYPE,
    )
    expectError(
      await post(SENDALL, { ...toAll, msgtype: 'text', voice: { media_id: 'x' } }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(await post(SENDALL, text('no filter')), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await post(SEND, { touser: 'oOne', ...text('x') }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await post(SENDALL, { ...toAll, msgtype: 7 }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await post(SENDALL, { ...toAll, ...text('') }), ERRCODE.EMPTY_TEXT_CONTENT)
  })
})

describe('mass payloads and their media', () => {
  it('sends voice and images that exist as the caller’s media of that type, else 40007', async () => {
    const { post, media, emulator } = await setup()
    const voice = media('voice')
    const image = media('image')
    const material = emulator.state.media.addMaterial(APPID, {
      type: 'image',
      bytes: new Uint8Array([1]),
      contentType: 'image/jpeg',
      filename: 'a.jpg',
    }).mediaId
    expect(
      (await post(SENDALL, { ...toAll, msgtype: 'voice', voice: { media_id: voice } })).errcode,
    ).toBe(0)
    expect(
      (
        await post(SENDALL, {
          ...toAll,
          msgtype: 'images',
          images: { media_ids: [image, material], recommend: '推荐语', need_open_comment: 1 },
        })
      ).errcode,
    ).toBe(0)
    const invalid = async (body: unknown) =>
      expectError(await post(SENDALL, { ...toAll, ...(body as object) }), ERRCODE.INVALID_MEDIA_ID)
    await invalid({ msgtype: 'voice', voice: { media_id: image } })
    await invalid({ msgtype: 'voice', voice: { media_id: 'nope' } })
    await invalid({ msgtype: 'images', images: { media_ids: [image, voice] } })
    await invalid({ msgtype: 'images', images: { media_ids: [] } })
  })

  it('sends mpvideo only by an uploadvideo media_id', async () => {
    const { post, media, uploadVideo, received, openids } = await setup()
    const mpvideo = await uploadVideo()
    const sent = await post(SENDALL, {
      ...toAll,
      msgtype: 'mpvideo',
      mpvideo: { media_id: mpvideo },
    })
    expect(sent.errcode).toBe(0)
    expect(received(openids()[0] ?? '')[0]).toMatchObject({
      msgtype: 'mpvideo',
      payload: { media_id: mpvideo },
    })
    expectError(
      await post(SENDALL, { ...toAll, msgtype: 'mpvideo', mpvideo: { media_id: media('video') } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
  })

  it('sends a draft as mpnews; the draft then leaves the draft box (§6.4)', async () => {
    const { post, emulator, received, openids } = await setup()
    const article = {
      title: '草稿',
      author: '',
      digest: '',
      content: '<p>正文</p>',
      content_source_url: '',
      show_cover_pic: 0,
      need_open_comment: 0,
      only_fans_can_comment: 0,
    } as const
    const draft = emulator.state.drafts.add(APPID, [article])
    const sent = await post(SENDALL, {
      ...toAll,
      msgtype: 'mpnews',
      mpnews: { media_id: draft.mediaId },
    })
    expect(sent.errcode).toBe(0)
    expect(sent.msg_data_id).toBeDefined()
    expect(received(openids()[0] ?? '')[0]).toMatchObject({ msgtype: 'mpnews' })
    expect(emulator.state.drafts.has(APPID, draft.mediaId)).toBe(false)
    // Sent once, the draft is gone: sending it again names nothing.
    expectError(
      await post(SENDALL, {
        ...toAll,
        msgtype: 'mpnews',
        mpnews: { media_id: draft.mediaId },
        clientmsgid: 'again',
      }),
      ERRCODE.INVALID_MEDIA_ID,
    )
  })

  it('sends uploaded news with a msg_data_id, reporting each article’s URL', async () => {
    const { postRaw, post, uploadNews, pending } = await setup()
    const news = await uploadNews(2)
    const { json, text: raw } = await postRaw(SENDALL, {
      ...toAll,
      msgtype: 'mpnews',
      mpnews: { media_id: news },
      send_ignore_reprint: 0,
    })
    expectValidResponse('mass.sendAll', json)
    expect(json.msg_data_id).toBe(String(FIRST_MSG_DATA_ID))
    expect(raw).toContain(`"msg_data_id":${FIRST_MSG_DATA_ID}`)
    const event = pending()[0]?.event as Json
    expect(event.CopyrightCheckResult).toEqual({ Count: 0, ResultList: [], CheckState: 1 })
    const urls = event.ArticleUrlResult as { Count: number; ResultList: Json[] }
    expect(urls.Count).toBe(2)
    expect(urls.ResultList.map((item) => item.ArticleIdx)).toEqual([1, 2])
    for (const item of urls.ResultList)
      expect(item.ArticleUrl).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\/[A-Za-z0-9_-]{22}$/)

    expectError(
      await post(SENDALL, { ...toAll, msgtype: 'mpnews', mpnews: { media_id: 'nope' } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
  })

  it('takes a wxcard without checking it (cards are not emulated)', async () => {
    const { post } = await setup()
    const sent = await post(SENDALL, { ...toAll, msgtype: 'wxcard', wxcard: { card_id: 'pCard' } })
    expect(sent.errcode).toBe(0)
  })
})

describe('clientmsgid (§6.5)', () => {
  it('answers 45066 within a minute of the first send, then 45065 with its msg_id', async () => {
    const { post, postRaw, clock, pending } = await setup()
    const body = { ...toAll, ...text('once'), clientmsgid: 'send_001' }
    const first = await post(SENDALL, body)
    expectError(await post(SENDALL, body), ERRCODE.CLIENTMSGID_RETRY_TOO_FAST)
    // The key alone counts: other content with the same clientmsgid is the same send.
    expectError(
      await post(SENDALL, { ...body, text: { content: 'other' } }),
      ERRCODE.CLIENTMSGID_RETRY_TOO_FAST,
    )
    clock.advance(CLIENTMSGID_RETRY_MS - 1)
    expectError(await post(SENDALL, body), ERRCODE.CLIENTMSGID_RETRY_TOO_FAST)
    clock.advance(1)
    const exists = await postRaw(SENDALL, body)
    expectError(exists.json, ERRCODE.CLIENTMSGID_EXISTS)
    expect(exists.json.errmsg).toMatch(/^clientmsgid exist rid: /)
    expect(exists.json.msg_id).toBe(first.msg_id)
    expect(exists.text).toContain(`"msg_id":${String(first.msg_id)}`)
    expect(pending()).toHaveLength(1)
  })

  it('de-duplicates the same content sent without a clientmsgid, not different content', async () => {
    const { post, clock } = await setup()
    expect((await post(SENDALL, { ...toAll, ...text('same') })).errcode).toBe(0)
    expectError(
      await post(SENDALL, { ...toAll, ...text('same') }),
      ERRCODE.CLIENTMSGID_RETRY_TOO_FAST,
    )
    expect((await post(SENDALL, { ...toAll, ...text('different') })).errcode).toBe(0)
    clock.advance(CLIENTMSGID_RETRY_MS)
    expectError(await post(SENDALL, { ...toAll, ...text('same') }), ERRCODE.CLIENTMSGID_EXISTS)
  })

  it('answers 45067 for a clientmsgid over 64 bytes and takes exactly 64', async () => {
    const { post } = await setup()
    expectError(
      await post(SENDALL, { ...toAll, ...text('a'), clientmsgid: '群'.repeat(22) }),
      ERRCODE.CLIENTMSGID_TOO_LONG,
    )
    expect(
      (await post(SENDALL, { ...toAll, ...text('a'), clientmsgid: 'x'.repeat(64) })).errcode,
    ).toBe(0)
  })
})

describe('delivery rules', () => {
  it(`filters followers past ${MAX_MASS_PER_MONTH} mass messages this month, and blacklisted ones`, async () => {
    const { post, openids, received, pending, clock, emulator, renewToken } = await setup()
    const [a, b, c] = openids()
    if (!a || !b || !c) throw new Error('demo followers')
    // a already got one message this month from a list send; b is blacklisted.
    await post(SEND, { touser: [a, c], ...text('early') })
    emulator.state.fans.blacklist(APPID).add(b)
    for (let i = 1; i <= MAX_MASS_PER_MONTH; i++)
      await post(SENDALL, { ...toAll, ...text(`issue ${i}`) })
    expect(received(a)).toHaveLength(MAX_MASS_PER_MONTH)
    expect(received(b)).toEqual([])
    const last = pending().at(-1)?.event
    expect(last).toMatchObject({ TotalCount: 4, FilterCount: 1, SentCount: 1, ErrorCount: 0 })

    // Previews do not count; a new Beijing month starts afresh.
    clock.advance(31 * 24 * 3600_000)
    await renewToken()
    emulator.state.fans.blacklist(APPID).delete(b)
    await post(SENDALL, { ...toAll, ...text('next month') })
    expect(received(a)).toHaveLength(MAX_MASS_PER_MONTH + 1)
    expect(received(b)).toHaveLength(1)
  })

  it('paces the job by the account speed: 10,000 followers at 100,000 a minute take 6 s', async () => {
    const { post, emulator, clock, pending, status } = await setup()
    for (let i = 0; i < 9_996; i++) emulator.fans.create(APPID)
    await post('/cgi-bin/message/mass/speed/set', { speed: 4 })
    const sentAt = clock.now()
    const sent = await post(SENDALL, { ...toAll, ...text('big') })
    expect(pending()[0]?.dueAt).toBe(sentAt + 6000)
    expect(pending()[0]?.event).toMatchObject({ TotalCount: 10_000, SentCount: 10_000 })
    clock.advance(5999)
    expect(await status(sent.msg_id)).toBe('SENDING')
    clock.advance(1)
    expect(await status(sent.msg_id)).toBe('SEND_SUCCESS')
  })
})

describe('mass/get and mass/delete', () => {
  it('deletes a whole message: status DELETE, every received copy DELETE', async () => {
    const { post, openids, received, status } = await setup()
    const sent = await post(SENDALL, { ...toAll, ...text('oops') })
    const deleted = await post(DELETE, { msg_id: Number(sent.msg_id) })
    expectValidResponse('mass.delete', deleted)
    expect(deleted).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(await status(sent.msg_id)).toBe('DELETE')
    for (const openid of openids()) expect(received(openid)[0]?.status).toBe('DELETE')
    expect((await post(DELETE, { msg_id: sent.msg_id })).errcode).toBe(0)
  })

  it('deletes news article by article (by index or URL), the message once all are gone', async () => {
    const { post, uploadNews, pending, status, openids, received } = await setup()
    const news = await uploadNews(3)
    const sent = await post(SENDALL, { ...toAll, msgtype: 'mpnews', mpnews: { media_id: news } })
    const urls = (pending()[0]?.event as { ArticleUrlResult: { ResultList: Json[] } })
      .ArticleUrlResult.ResultList
    expect((await post(DELETE, { msg_id: sent.msg_id, article_idx: 2 })).errcode).toBe(0)
    expect((await post(DELETE, { msg_id: sent.msg_id, url: urls[0]?.ArticleUrl })).errcode).toBe(0)
    expect(await status(sent.msg_id)).toBe('SENDING')
    expect(received(openids()[0] ?? '')[0]?.status).toBe('SEND_SUCCESS')
    expectError(await post(DELETE, { msg_id: sent.msg_id, article_idx: 4 }), ERRCODE.INVALID_MSG_ID)
    expectError(
      await post(DELETE, { msg_id: sent.msg_id, url: 'https://mp.weixin.qq.com/s/none' }),
      ERRCODE.INVALID_MSG_ID,
    )
    expect((await post(DELETE, { msg_id: sent.msg_id, article_idx: 3 })).errcode).toBe(0)
    expect(await status(sent.msg_id)).toBe('DELETE')
    expect(received(openids()[0] ?? '')[0]?.status).toBe('DELETE')
  })

  it('answers 40059 for an unknown msg_id, and 47001 for one that is not an id', async () => {
    const { post } = await setup()
    const got = await post(GET, { msg_id: '201053012' })
    expectError(got, ERRCODE.INVALID_MSG_ID)
    expect(got.errmsg).toMatch(/^invalid msg id rid: /)
    expectError(await post(DELETE, { msg_id: 201053012 }), ERRCODE.INVALID_MSG_ID)
    expectError(await post(GET, { msg_id: 'abc' }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await post(GET, { msg_id: -1 }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await post(GET, {}), ERRCODE.DATA_FORMAT_ERROR)
  })

  it('answers mass/get with a bare msg_id that validates against the table', async () => {
    const { post, postRaw } = await setup()
    const sent = await post(SENDALL, { ...toAll, ...text('status') })
    const { json, text: raw } = await postRaw(GET, { msg_id: String(sent.msg_id) })
    expectValidResponse('mass.get', json)
    expect(raw).toBe(`{"msg_id":${String(sent.msg_id)},"msg_status":"SENDING"}`)
  })
})

describe('mass speed', () => {
  it('answers speed 0 (800,000 a minute) until set, by POST or GET', async () => {
    const { post, get } = await setup()
    const initial = await post('/cgi-bin/message/mass/speed/get', '{}')
    expectValidResponse('mass.getSpeed', initial)
    expect(initial).toEqual({ speed: 0, realspeed: 80 })
    const set = await post('/cgi-bin/message/mass/speed/set', { speed: 3 })
    expectValidResponse('mass.setSpeed', set)
    expect(await get('/cgi-bin/message/mass/speed/get')).toEqual({ speed: 3, realspeed: 30 })
  })

  it('answers 45083 outside 0–4, 45084 without a speed, 47001 for a speed that is not a number', async () => {
    const { post } = await setup()
    const set = (body: unknown) => post('/cgi-bin/message/mass/speed/set', body)
    const out = await set({ speed: 5 })
    expectError(out, ERRCODE.MASS_SPEED_OUT_OF_RANGE)
    expect(out.errmsg).toMatch(/^the speed out of range rid: /)
    expectError(await set({ speed: -1 }), ERRCODE.MASS_SPEED_OUT_OF_RANGE)
    expectError(await set({ speed: 1.5 }), ERRCODE.MASS_SPEED_OUT_OF_RANGE)
    const missing = await set({})
    expectError(missing, ERRCODE.MASS_SPEED_MISSING)
    expect(missing.errmsg).toMatch(/^No speed message rid: /)
    expectError(await set({ speed: null }), ERRCODE.MASS_SPEED_MISSING)
    expectError(await set({ speed: '3' }), ERRCODE.DATA_FORMAT_ERROR)
    expect(await post('/cgi-bin/message/mass/speed/get', '{}')).toMatchObject({ speed: 0 })
  })
})

describe('mass/preview', () => {
  it('sends to one follower: preview success, a preview record, no job event, no monthly count', async () => {
    const { postRaw, openids, received, pending, post, clock } = await setup()
    const [a] = openids()
    if (!a) throw new Error('demo follower')
    const { json, text: raw } = await postRaw(PREVIEW, { touser: a, ...text('draft') })
    expectValidResponse('mass.preview', json)
    expect(json).toEqual({
      errcode: 0,
      errmsg: 'preview success',
      msg_id: String(FIRST_MASS_MSG_ID),
    })
    expect(raw).toContain(`"msg_id":${FIRST_MASS_MSG_ID}`)
    expect(received(a)).toEqual([
      {
        channel: 'preview',
        msgId: String(FIRST_MASS_MSG_ID),
        msgtype: 'text',
        payload: { content: 'draft' },
        sentAt: clock.now(),
        status: 'SEND_SUCCESS',
      },
    ])
    expect(pending()).toEqual([])
    // A preview is not a job.
    expectError(await post(GET, { msg_id: json.msg_id }), ERRCODE.INVALID_MSG_ID)
    for (let i = 0; i < MAX_MASS_PER_MONTH; i++)
      await post(PREVIEW, { touser: a, ...text('again') })
    await post(SENDALL, { ...toAll, ...text('real') })
    expect(received(a).filter((m) => m.channel === 'mass')).toHaveLength(1)
  })

  it('reaches a fan by a bound WeChat id, towxname taking precedence over touser', async () => {
    const { post, openids, received, emulator } = await setup()
    const [a, b] = openids()
    if (!a || !b) throw new Error('demo followers')
    emulator.state.mass.bindWxname(APPID, 'zhang_san', b)
    expect((await post(PREVIEW, { touser: a, towxname: 'zhang_san', ...text('hi') })).errcode).toBe(
      0,
    )
    expect(received(b)).toHaveLength(1)
    expect(received(a)).toEqual([])
    expectError(await post(PREVIEW, { towxname: 'li_si', ...text('hi') }), ERRCODE.INVALID_OPENID)
  })

  it('answers 40003 for no or an unknown recipient, 43004 for a former follower, 40007 for bad media', async () => {
    const { post, emulator } = await setup()
    const former = emulator.fans.list(APPID).find((fan) => !fan.subscribed)
    expectError(await post(PREVIEW, text('x')), ERRCODE.INVALID_OPENID)
    expectError(await post(PREVIEW, { touser: 'oNobody', ...text('x') }), ERRCODE.INVALID_OPENID)
    expectError(
      await post(PREVIEW, { touser: former?.openid, ...text('x') }),
      ERRCODE.REQUIRE_SUBSCRIBE,
    )
    const [a] = emulator.fans.list(APPID)
    expectError(
      await post(PREVIEW, { touser: a?.openid, msgtype: 'voice', voice: { media_id: 'x' } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(
      await post(PREVIEW, { touser: a?.openid, msgtype: 'music', music: {} }),
      ERRCODE.INVALID_MESSAGE_TYPE,
    )
  })
})

describe('media/uploadnews and media/uploadvideo', () => {
  it('keeps news for 3 days and answers {type: news, media_id, created_at}', async () => {
    const { post, media, clock, renewToken } = await setup()
    const body = {
      articles: [{ title: '标题', thumb_media_id: media('thumb'), content: '<p>正文</p>' }],
    }
    const uploaded = await post('/cgi-bin/media/uploadnews', body)
    expectValidResponse('mass.uploadNews', uploaded)
    expect(uploaded).toEqual({
      type: 'news',
      media_id: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/),
      created_at: Math.floor(clock.now() / 1000),
    })
    // Distinct clientmsgids, so the second send is not taken for a repeat of the first.
    const send = (clientmsgid: string) =>
      post(SENDALL, {
        ...toAll,
        msgtype: 'mpnews',
        mpnews: { media_id: uploaded.media_id },
        clientmsgid,
      })
    clock.advance(TEMPORARY_TTL_SECONDS * 1000 - 1000)
    await renewToken()
    expect((await send('first')).errcode).toBe(0)
    clock.advance(1000)
    expectError(await send('second'), ERRCODE.INVALID_MEDIA_ID)
  })

  it('answers 44003 for no articles or an empty one, 45008 past 8, 40007 for a bad cover', async () => {
    const { post, media } = await setup()
    const thumb = media('thumb')
    const article = { title: 't', thumb_media_id: thumb, content: 'c' }
    const upload = (articles: unknown) => post('/cgi-bin/media/uploadnews', { articles })
    expectError(await upload([]), ERRCODE.EMPTY_NEWS_DATA)
    expectError(await upload([{ ...article, content: ' ' }]), ERRCODE.EMPTY_NEWS_DATA)
    expectError(await upload(Array(9).fill(article)), ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT)
    expect((await upload(Array(8).fill(article))).type).toBe('news')
    expectError(await upload([{ ...article, thumb_media_id: 'nope' }]), ERRCODE.INVALID_MEDIA_ID)
    expectError(
      await upload([{ ...article, thumb_media_id: media('voice') }]),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(await upload([{ title: 't', content: 'c' }]), ERRCODE.DATA_FORMAT_ERROR)
  })

  it('turns a temporary video into an mpvideo media_id, else 40007', async () => {
    const { post, media, clock } = await setup()
    const uploaded = await post('/cgi-bin/media/uploadvideo', {
      media_id: media('video'),
      title: 'T',
      description: 'D',
    })
    expectValidResponse('mass.uploadVideo', uploaded)
    expect(uploaded).toMatchObject({ type: 'video', created_at: Math.floor(clock.now() / 1000) })
    const video = (media_id: string) =>
      post('/cgi-bin/media/uploadvideo', { media_id, title: 'T', description: 'D' })
    expectError(await video('nope'), ERRCODE.INVALID_MEDIA_ID)
    expectError(await video(media('image')), ERRCODE.INVALID_MEDIA_ID)
    expectError(
      await post('/cgi-bin/media/uploadvideo', { media_id: 'x' }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
  })
})
