import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { TEMPORARY_TTL_SECONDS } from '../media-store.js'
import type { MediaType } from '../media-store.js'
import type { WindowTrigger } from '../cs-windows.js'
import { MAX_CUSTOM_TEXT_BYTES } from './custom-message-rules.js'

const HOUR = 3_600_000
const SEND = '/cgi-bin/message/custom/send'
const TYPING = '/cgi-bin/message/custom/typing'

/** A stored article, as news material or a draft keeps it. */
function newsArticle(title: string) {
  return {
    title,
    author: '',
    digest: '',
    content: '<p>正文</p>',
    content_source_url: '',
    show_cover_pic: 0,
    need_open_comment: 0,
    only_fans_can_comment: 0,
  } as const
}

async function setup() {
  const h = harness()
  const state = h.emulator.state
  const fan = h.emulator.fans.create(APPID)
  // Tests move the clock by days; a token lives 2 h, so each call takes one that is still valid.
  let access_token = await h.token()
  let issuedAt = h.clock.now()
  const post = async (path: string, body: unknown) => {
    if (h.clock.now() - issuedAt >= HOUR) {
      access_token = await h.token()
      issuedAt = h.clock.now()
    }
    return h.call('POST', path, { access_token }, body)
  }
  const send = (body: unknown) => post(SEND, body)
  const typing = (touser: string, command: unknown) => post(TYPING, { touser, command })
  const text = (content: string, touser = fan.openid) =>
    send({ touser, msgtype: 'text', text: { content } })
  const openWindow = (trigger: WindowTrigger = 'message', openid = fan.openid) =>
    state.windows.open(APPID, openid, trigger, h.clock.now())
  const media = (type: MediaType) =>
    state.registerTemporaryMedia(APPID, {
      type,
      bytes: new Uint8Array([1, 2, 3]),
      contentType: 'application/octet-stream',
      filename: `f.${type === 'voice' ? 'amr' : type === 'video' ? 'mp4' : 'jpg'}`,
    })
  const received = (openid = fan.openid) => state.received.forFan(APPID, openid)
  return { ...h, state, fan, post, send, typing, text, openWindow, media, received }
}

/** Asserts a send succeeded, by the table's schema and the exact body. */
function expectOk(
  body: Json,
  id: 'customService.send' | 'customService.typing' = 'customService.send',
) {
  expectValidResponse(id, body)
  expect(body).toEqual({ errcode: 0, errmsg: 'ok' })
}

describe('message/custom/send: every msgtype (§6.8)', () => {
  it('delivers each msgtype with a valid payload and records it as received', async () => {
    const s = await setup()
    s.openWindow('payment')
    const image = s.media('image')
    const thumb = s.media('thumb')
    const oneArticle = s.emulator.state.newsMaterial.add(APPID, [newsArticle('单篇')])
    const published = s.emulator.state.publications.submit(APPID, oneArticle.articles)
    s.clock.advance(published.finishesAt - s.clock.now())
    const payloads: Record<string, unknown> = {
      text: { content: 'Hello <a href="https://example.com">World</a>' },
      image: { media_id: image },
      voice: { media_id: s.media('voice') },
      video: { media_id: s.media('video'), thumb_media_id: thumb, title: 't', description: 'd' },
      music: {
        title: 'song',
        musicurl: 'https://example.com/a.mp3',
        hqmusicurl: 'https://example.com/a.flac',
        thumb_media_id: thumb,
      },
      news: {
        articles: [
          { title: 'T', description: 'D', url: 'https://example.com', picurl: 'https://e.com/p' },
        ],
      },
      mpnews: { media_id: oneArticle.mediaId },
      mpnewsarticle: { article_id: published.articleId },
      msgmenu: {
        head_content: '您对本次服务是否满意呢?',
        list: [
          { id: '101', content: '满意' },
          { id: '102', content: '不满意' },
        ],
        tail_content: '欢迎再次光临',
      },
      wxcard: { card_id: 'pOAvHjpAFnK8ndm-Au1x6ME3TToA' },
      miniprogrampage: {
        title: 'title',
        appid: 'wx1234567890abcdef',
        pagepath: 'pages/index?foo=bar',
        thumb_media_id: image,
      },
    }
    for (const [msgtype, payload] of Object.entries(payloads)) {
      const answer = await s.send({ touser: s.fan.openid, msgtype, [msgtype]: payload })
      expectOk(answer)
    }
    const records = s.received()
    expect(records.map((r) => r.msgtype)).toEqual(Object.keys(payloads))
    for (const record of records) {
      expect(record).toMatchObject({
        channel: 'customService',
        payload: payloads[record.msgtype],
        sentAt: s.clock.now(),
        status: 'success',
      })
    }
  })

  it('records when each message was sent, on the clock', async () => {
    const s = await setup()
    s.openWindow()
    expectOk(await s.text('first'))
    s.clock.advance(HOUR)
    expectOk(await s.text('second'))
    const [first, second] = s.received()
    expect(second!.sentAt - first!.sentAt).toBe(HOUR)
    expect(first!.payload).toEqual({ content: 'first' })
  })

  it('answers 40008 for a msgtype §6.8 does not list, or none', async () => {
    const s = await setup()
    s.openWindow()
    const touser = s.fan.openid
    expectError(await s.send({ touser, msgtype: 'location', location: {} }), 40008)
    expectError(await s.send({ touser, msgtype: 'TEXT', TEXT: { content: 'x' } }), 40008)
    expectError(await s.send({ touser, text: { content: 'x' } }), 40008)
    expectError(await s.send({ touser, msgtype: 7 }), 40008)
    expect(s.received()).toEqual([])
  })

  it('answers 47001 for a body of the wrong shape, 44002 for an empty one', async () => {
    const s = await setup()
    s.openWindow()
    const touser = s.fan.openid
    expectError(await s.send({ touser, msgtype: 'text' }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await s.send({ touser, msgtype: 'text', text: 'hi' }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(
      await s.send({ touser, msgtype: 'text', text: { content: 42 } }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(
      await s.send({ touser: 123, msgtype: 'text', text: { content: 'x' } }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(
      await s.send({ touser, msgtype: 'image', image: { media_id: ['x'] } }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(await s.send({ touser, msgtype: 'news', news: {} }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(
      await s.send({ touser, msgtype: 'text', text: { content: 'x' }, customservice: 'kf' }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(await s.send([1, 2]), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await s.send('"text"'), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await s.send('{"touser":'), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await s.send(''), ERRCODE.EMPTY_POST_DATA)
    expect(s.received()).toEqual([])
  })

  it('limits text to 2048 UTF-8 bytes (45002 beyond) and refuses empty text (44004)', async () => {
    const s = await setup()
    s.openWindow('payment')
    // 682 three-byte characters and two ASCII ones: exactly the limit.
    const limit = '汉'.repeat(682) + 'ab'
    expect(Buffer.byteLength(limit)).toBe(MAX_CUSTOM_TEXT_BYTES)
    expectOk(await s.text(limit))
    expectError(await s.text(limit + 'c'), ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT)
    expectError(await s.text('汉'.repeat(683)), ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT)
    expectError(await s.text(''), ERRCODE.EMPTY_TEXT_CONTENT)
    expect(s.received()).toHaveLength(1)
  })

  it('answers 40007 for media the account does not hold, of another type, or expired', async () => {
    const s = await setup()
    const touser = s.fan.openid
    const voice = s.media('voice')
    const image = s.media('image')
    s.openWindow()
    expectError(
      await s.send({ touser, msgtype: 'image', image: { media_id: 'no-such-media' } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(
      await s.send({ touser, msgtype: 'image', image: { media_id: voice } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(
      await s.send({ touser, msgtype: 'voice', voice: { media_id: image } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    // Temporary media lives 3 days; a fresh window 3 days on still cannot send it.
    s.clock.advance(TEMPORARY_TTL_SECONDS * 1000)
    s.openWindow()
    expectError(
      await s.send({ touser, msgtype: 'image', image: { media_id: image } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expect(s.received()).toEqual([])
  })

  it('accepts permanent material as well as temporary media', async () => {
    const s = await setup()
    s.openWindow()
    const material = s.state.media.addMaterial(APPID, {
      type: 'image',
      bytes: new Uint8Array([9]),
      contentType: 'image/png',
      filename: 'logo.png',
    })
    expectOk(
      await s.send({
        touser: s.fan.openid,
        msgtype: 'image',
        image: { media_id: material.mediaId },
      }),
    )
  })

  it('checks both media ids of a video and the thumbnails of music and mini-program cards', async () => {
    const s = await setup()
    s.openWindow('payment')
    const touser = s.fan.openid
    const video = s.media('video')
    const thumb = s.media('thumb')
    const voice = s.media('voice')
    expectError(
      await s.send({
        touser,
        msgtype: 'video',
        video: { media_id: video, thumb_media_id: 'missing' },
      }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(
      await s.send({ touser, msgtype: 'video', video: { media_id: thumb, thumb_media_id: thumb } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(
      await s.send({
        touser,
        msgtype: 'music',
        music: { musicurl: 'u', hqmusicurl: 'u', thumb_media_id: voice },
      }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    const card = { title: 't', appid: 'wx1234567890abcdef', pagepath: 'p', thumb_media_id: voice }
    expectError(
      await s.send({ touser, msgtype: 'miniprogrampage', miniprogrampage: card }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectOk(
      await s.send({
        touser,
        msgtype: 'miniprogrampage',
        miniprogrampage: { ...card, thumb_media_id: thumb },
      }),
    )
  })

  it('answers 40013 for a mini-program card whose appid is not an AppID', async () => {
    const s = await setup()
    s.openWindow()
    const card = {
      title: 't',
      appid: 'not-an-appid',
      pagepath: 'p',
      thumb_media_id: s.media('image'),
    }
    expectError(
      await s.send({ touser: s.fan.openid, msgtype: 'miniprogrampage', miniprogrampage: card }),
      ERRCODE.INVALID_APPID,
    )
  })

  it('sends exactly one news article: 45008 for two, 44003 for none', async () => {
    const s = await setup()
    s.openWindow()
    const article = { title: 'T', url: 'https://example.com' }
    const news = (articles: unknown[]) =>
      s.send({ touser: s.fan.openid, msgtype: 'news', news: { articles } })
    expectError(await news([article, article]), ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT)
    expectError(await news(Array(8).fill(article)), ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT)
    expectError(await news([]), ERRCODE.EMPTY_NEWS_DATA)
    expectOk(await news([article]))
  })

  it('sends mpnews only for news of one article (45008), and mpnewsarticle only for a published article', async () => {
    const s = await setup()
    s.openWindow('payment')
    const two = s.emulator.state.drafts.add(APPID, [newsArticle('一'), newsArticle('二')])
    expectError(
      await s.send({ touser: s.fan.openid, msgtype: 'mpnews', mpnews: { media_id: two.mediaId } }),
      ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT,
    )
    const one = s.emulator.state.drafts.add(APPID, [newsArticle('一')])
    expectOk(
      await s.send({ touser: s.fan.openid, msgtype: 'mpnews', mpnews: { media_id: one.mediaId } }),
    )
    expectError(
      await s.send({
        touser: s.fan.openid,
        msgtype: 'mpnewsarticle',
        mpnewsarticle: { article_id: 'NOT_PUBLISHED' },
      }),
      ERRCODE.INVALID_MEDIA_ID,
    )
  })

  it('answers 40007 for an mpnews media_id the account does not hold', async () => {
    const s = await setup()
    s.openWindow()
    expectError(
      await s.send({ touser: s.fan.openid, msgtype: 'mpnews', mpnews: { media_id: 'nope' } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
  })

  it('answers 40035 for an empty menu, menu item, card id or article id', async () => {
    const s = await setup()
    s.openWindow()
    const touser = s.fan.openid
    const menu = (list: unknown[]) => s.send({ touser, msgtype: 'msgmenu', msgmenu: { list } })
    expectError(await menu([]), ERRCODE.INVALID_PARAMETER)
    expectError(await menu([{ id: '', content: '满意' }]), ERRCODE.INVALID_PARAMETER)
    expectError(await menu([{ id: '1', content: ' ' }]), ERRCODE.INVALID_PARAMETER)
    expectError(
      await s.send({ touser, msgtype: 'wxcard', wxcard: { card_id: '' } }),
      ERRCODE.INVALID_PARAMETER,
    )
    expectError(
      await s.send({ touser, msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: '' } }),
      ERRCODE.INVALID_PARAMETER,
    )
    expectOk(await menu([{ id: '1', content: 'ok' }]))
  })

  it('sends as a customer-service account the account has, else 65401', async () => {
    const s = await setup()
    s.openWindow()
    s.state.kfAccounts.add(APPID, 'kf1@wxmpdemo', '小王')
    const message = { touser: s.fan.openid, msgtype: 'text', text: { content: 'hi' } }
    expectOk(await s.send({ ...message, customservice: { kf_account: 'kf1@wxmpdemo' } }))
    expectError(
      await s.send({ ...message, customservice: { kf_account: 'kf2@wxmpdemo' } }),
      ERRCODE.INVALID_KF_ACCOUNT,
    )
    expect(s.received()).toHaveLength(1)
  })
})

describe('message/custom/send: who can receive (§6.8, §8)', () => {
  it('answers 40003 for an OpenID the account does not know', async () => {
    const s = await setup()
    expectError(await s.text('hi', 'oUnknown00000000000000000000'), ERRCODE.INVALID_OPENID)
    expectError(await s.text('hi', ''), ERRCODE.INVALID_OPENID)
  })

  it('answers 45015 to a former follower, even inside a window', async () => {
    const s = await setup()
    s.openWindow()
    s.emulator.fans.unsubscribe(APPID, s.fan.openid)
    expectError(await s.text('hi'), ERRCODE.REPLY_WINDOW_CLOSED)
    const demoFormer = s.emulator.fans.list(APPID).find((fan) => !fan.subscribed)!
    expectError(await s.text('hi', demoFormer.openid), ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('answers 45015 to a follower who opened no window', async () => {
    const s = await setup()
    const body = await s.text('hi')
    expectError(body, ERRCODE.REPLY_WINDOW_CLOSED)
    expect(body.errmsg).toMatch(/^response out of time limit or subscription is canceled rid: /)
  })

  it('sends 5 messages in a message window, refuses the 6th with 45047, and closes at 48 h', async () => {
    const s = await setup()
    s.openWindow()
    for (let i = 1; i <= 5; i++) expectOk(await s.text(`m${i}`))
    expectError(await s.text('m6'), ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    s.clock.advance(48 * HOUR)
    expectError(await s.text('m7'), ERRCODE.REPLY_WINDOW_CLOSED)
    expect(s.received().map((r) => r.payload)).toEqual(
      [1, 2, 3, 4, 5].map((i) => ({ content: `m${i}` })),
    )
  })

  it('still sends just before 48 h and not at 48 h exactly', async () => {
    const s = await setup()
    s.openWindow()
    s.clock.advance(48 * HOUR - 1)
    expectOk(await s.text('late'))
    s.clock.advance(1)
    expectError(await s.text('too late'), ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('gives 3 messages within a minute after a click', async () => {
    const s = await setup()
    s.openWindow('click')
    for (let i = 0; i < 3; i++) expectOk(await s.text('c'))
    expectError(await s.text('c'), ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    s.clock.advance(60_000)
    expectError(await s.text('c'), ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('does not spend the quota on a refused message', async () => {
    const s = await setup()
    s.openWindow()
    for (let i = 0; i < 4; i++) expectOk(await s.text('ok'))
    expectError(await s.text(''), ERRCODE.EMPTY_TEXT_CONTENT)
    expectError(
      await s.send({ touser: s.fan.openid, msgtype: 'image', image: { media_id: 'x' } }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(await s.send({ touser: s.fan.openid, msgtype: 'text' }), ERRCODE.DATA_FORMAT_ERROR)
    expectOk(await s.text('fifth'))
    expectError(await s.text('sixth'), ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
  })

  it('voids the windows of an earlier follow when the fan follows again', async () => {
    const s = await setup()
    s.openWindow()
    s.clock.advance(HOUR)
    s.emulator.fans.unsubscribe(APPID, s.fan.openid)
    s.clock.advance(HOUR)
    s.emulator.fans.subscribe(APPID, s.fan.openid)
    expectError(await s.text('hi'), ERRCODE.REPLY_WINDOW_CLOSED)
    // The follow itself opens a fresh window (the push engine does this on the subscribe event).
    s.openWindow('subscribe')
    expectOk(await s.text('welcome back'))
  })

  it('keeps each fan’s window to that fan', async () => {
    const s = await setup()
    const other = s.emulator.fans.create(APPID)
    s.openWindow()
    expectError(await s.text('hi', other.openid), ERRCODE.REPLY_WINDOW_CLOSED)
    expectOk(await s.text('hi'))
    expect(s.received(other.openid)).toEqual([])
  })
})

describe('message/custom/typing', () => {
  it('shows and clears typing inside a window without spending the quota', async () => {
    const s = await setup()
    s.openWindow()
    for (let i = 0; i < 6; i++) {
      expectOk(await s.typing(s.fan.openid, 'Typing'), 'customService.typing')
      expectOk(await s.typing(s.fan.openid, 'CancelTyping'), 'customService.typing')
    }
    for (let i = 0; i < 5; i++) expectOk(await s.text('m'))
    expect(s.received()).toHaveLength(5)
  })

  it('follows the send rules: 40003 unknown, 45015 former follower or no window, 45047 spent', async () => {
    const s = await setup()
    expectError(await s.typing('oUnknown00000000000000000000', 'Typing'), ERRCODE.INVALID_OPENID)
    expectError(await s.typing(s.fan.openid, 'Typing'), ERRCODE.REPLY_WINDOW_CLOSED)
    s.openWindow('click')
    for (let i = 0; i < 3; i++) expectOk(await s.text('c'))
    expectError(await s.typing(s.fan.openid, 'Typing'), ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    s.openWindow()
    expectOk(await s.typing(s.fan.openid, 'Typing'), 'customService.typing')
    s.emulator.fans.unsubscribe(APPID, s.fan.openid)
    expectError(await s.typing(s.fan.openid, 'Typing'), ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('answers 40035 for another command and 47001 for a malformed body', async () => {
    const s = await setup()
    s.openWindow()
    expectError(await s.typing(s.fan.openid, 'typing'), ERRCODE.INVALID_PARAMETER)
    expectError(await s.typing(s.fan.openid, 'Stop'), ERRCODE.INVALID_PARAMETER)
    expectError(await s.typing(s.fan.openid, 1), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await s.post(TYPING, { touser: s.fan.openid }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await s.post(TYPING, { command: 'Typing' }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await s.post(TYPING, ''), ERRCODE.EMPTY_POST_DATA)
  })
})
