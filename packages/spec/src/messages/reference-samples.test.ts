import { describe, expect, test } from 'vitest'
import { parseInbound } from './parse-inbound.js'
import { parseReply } from './parse-reply.js'
import { EVENTS, MESSAGES, NEWS_REPLY, TRANSFER_REPLY } from './reference-xml.test.fixtures.js'
import { xmlDoc } from './xml-doc.test.fixtures.js'

const parse = (xml: string) => parseInbound(xmlDoc(xml))

const HEADER = {
  ToUserName: 'gh_123456789abc',
  FromUserName: 'oUser000000000000000000000A',
  CreateTime: 1700000000,
}

describe('the protocol reference samples (§2.3 messages)', () => {
  test('text parses to its fields with the MsgId kept as a string', () => {
    expect(parse(MESSAGES.text)).toEqual({
      kind: 'text',
      ...HEADER,
      MsgType: 'text',
      Content: 'hello',
      MsgId: '24000000000000001',
    })
  })

  test('image, voice, video, shortvideo and link keep every element', () => {
    expect(parse(MESSAGES.image)).toMatchObject({
      kind: 'image',
      PicUrl: 'http://mmbiz.qpic.cn/xxx',
      MediaId: 'MEDIA_ID',
    })
    expect(parse(MESSAGES.voice)).toMatchObject({
      kind: 'voice',
      Format: 'amr',
      Recognition: '腾讯微信团队',
    })
    expect(parse(MESSAGES.video)).toMatchObject({ kind: 'video', ThumbMediaId: 'THUMB_MEDIA_ID' })
    expect(parse(MESSAGES.shortvideo)).toMatchObject({ kind: 'shortvideo', MediaId: 'MEDIA_ID' })
    expect(parse(MESSAGES.link)).toMatchObject({
      kind: 'link',
      Title: 'Title',
      Description: 'Desc',
      Url: 'https://example.com/',
    })
  })

  test('location coerces coordinates and scale to numbers', () => {
    expect(parse(MESSAGES.location)).toMatchObject({
      kind: 'location',
      Location_X: 23.134521,
      Location_Y: 113.358803,
      Scale: 20,
      Label: '位置信息',
    })
  })
})

describe('the protocol reference samples (§2.4 events)', () => {
  test('subscribe with qrscene_123123 exposes sceneId 123123', () => {
    expect(parse(EVENTS.subscribe)).toEqual({
      kind: 'event.subscribe',
      ...HEADER,
      MsgType: 'event',
      Event: 'subscribe',
      EventKey: 'qrscene_123123',
      Ticket: 'TICKET',
      sceneId: '123123',
    })
  })

  test('SCAN exposes its bare EventKey as sceneId', () => {
    expect(parse(EVENTS.SCAN)).toMatchObject({
      kind: 'event.SCAN',
      EventKey: '123123',
      Ticket: 'TICKET',
      sceneId: '123123',
    })
  })

  test('LOCATION coerces latitude, longitude and precision', () => {
    expect(parse(EVENTS.LOCATION)).toMatchObject({
      Latitude: 23.137466,
      Longitude: 113.352425,
      Precision: 119.38504,
    })
  })

  test('CLICK, VIEW and view_miniprogram carry EventKey and MenuId as strings', () => {
    expect(parse(EVENTS.CLICK)).toMatchObject({
      kind: 'event.CLICK',
      EventKey: 'V1001_TODAY_MUSIC',
    })
    expect(parse(EVENTS.VIEW)).toMatchObject({
      kind: 'event.VIEW',
      EventKey: 'https://www.qq.com',
      MenuId: 'MENUID',
    })
    expect(parse(EVENTS.view_miniprogram)).toMatchObject({
      EventKey: 'pages/index/index',
      MenuId: 'MENUID',
    })
  })

  test('scancode_push nests ScanCodeInfo', () => {
    expect(parse(EVENTS.scancode_push)).toMatchObject({
      ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '1' },
    })
  })

  test('pic_sysphoto with one picture still has PicList as an array', () => {
    expect(parse(EVENTS.pic_sysphoto)).toMatchObject({
      kind: 'event.pic_sysphoto',
      SendPicsInfo: { Count: 1, PicList: [{ PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' }] },
    })
  })

  test('location_select reads the CDATA-quoted numbers and the empty Poiname', () => {
    expect(parse(EVENTS.location_select)).toMatchObject({
      SendLocationInfo: {
        Location_X: 23,
        Location_Y: 113,
        Scale: 15,
        Label: '广州市海珠区客村艺苑路 106号',
        Poiname: '',
      },
    })
  })

  test('TEMPLATESENDJOBFINISH keeps MsgID as a string', () => {
    expect(parse(EVENTS.TEMPLATESENDJOBFINISH)).toMatchObject({
      MsgID: '200163836',
      Status: 'success',
    })
  })

  test('MASSSENDJOBFINISH reads counts and both ResultLists as arrays', () => {
    expect(parse(EVENTS.MASSSENDJOBFINISH)).toMatchObject({
      kind: 'event.MASSSENDJOBFINISH',
      MsgID: '1000001625',
      Status: 'send success',
      TotalCount: 100,
      FilterCount: 80,
      SentCount: 75,
      ErrorCount: 5,
      CopyrightCheckResult: {
        Count: 1,
        ResultList: [
          {
            ArticleIdx: 1,
            UserDeclareState: 0,
            AuditState: 2,
            OriginalArticleUrl: 'Url_1',
            OriginalArticleType: 1,
            CanReprint: 1,
            NeedReplaceContent: 1,
            NeedShowReprintSource: 1,
          },
        ],
        CheckState: 2,
      },
      ArticleUrlResult: { Count: 1, ResultList: [{ ArticleIdx: 1, ArticleUrl: 'Url' }] },
    })
  })

  test('PUBLISHJOBFINISH reads article_detail items as an array and fail_idx as empty', () => {
    expect(parse(EVENTS.PUBLISHJOBFINISH)).toMatchObject({
      kind: 'event.PUBLISHJOBFINISH',
      PublishEventInfo: {
        publish_id: '2247503051',
        publish_status: 0,
        article_id: 'ARTICLE_ID',
        article_detail: { count: 1, item: [{ idx: 1, article_url: 'ARTICLE_URL' }] },
        fail_idx: [],
      },
    })
  })

  test('FREEPUBLISHJOBFINISH parses as event.PUBLISHJOBFINISH and keeps its own Event', () => {
    const msg = parse(
      EVENTS.PUBLISHJOBFINISH.replace('[PUBLISHJOBFINISH]', '[FREEPUBLISHJOBFINISH]'),
    )
    expect(msg).toMatchObject({ kind: 'event.PUBLISHJOBFINISH', Event: 'FREEPUBLISHJOBFINISH' })
  })
})

describe('the protocol reference samples (§3 replies)', () => {
  test('the news reply parses to its article list', () => {
    expect(parseReply(xmlDoc(NEWS_REPLY))).toEqual({
      type: 'news',
      ArticleCount: 1,
      Articles: [
        {
          Title: 'title1',
          Description: 'description1',
          PicUrl: 'https://example.com/a.jpg',
          Url: 'https://example.com/',
        },
      ],
    })
  })

  test('transfer_customer_service reads the optional agent', () => {
    expect(parseReply(xmlDoc(TRANSFER_REPLY))).toEqual({
      type: 'transfer_customer_service',
      TransInfo: { KfAccount: 'test1@test' },
    })
  })
})
