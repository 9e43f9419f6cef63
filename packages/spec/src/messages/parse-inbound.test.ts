import { describe, expect, test } from 'vitest'
import { parseInbound } from './parse-inbound.js'
import { renderInbound } from './render-inbound.js'
import { sampleInbound } from './samples.js'
import { xmlDoc } from './xml-doc.test.fixtures.js'

const parse = (xml: string) => parseInbound(xmlDoc(xml))
const HEAD =
  '<ToUserName><![CDATA[gh_123456789abc]]></ToUserName><FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>' +
  '<CreateTime>1610969440</CreateTime>'
const event = (body: string) => `<xml>${HEAD}<MsgType><![CDATA[event]]></MsgType>${body}</xml>`

describe('parseInbound', () => {
  test('a plain follow has no EventKey and no sceneId', () => {
    const msg = parse(event('<Event><![CDATA[subscribe]]></Event>'))
    expect(msg).toEqual({
      kind: 'event.subscribe',
      ToUserName: 'gh_123456789abc',
      FromUserName: 'otFpruAK8D-E6EfStSYonYSBZ8_4',
      CreateTime: 1610969440,
      MsgType: 'event',
      Event: 'subscribe',
    })
  })

  test('a follow with an empty EventKey keeps it and derives no sceneId', () => {
    const msg = parse(
      event('<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey>'),
    )
    expect(msg).toMatchObject({ kind: 'event.subscribe', EventKey: '' })
    expect(msg).not.toHaveProperty('sceneId')
  })

  test('a scene_str scene is kept whole after the prefix', () => {
    const msg = parse(
      event(
        '<Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_promo_2024]]></EventKey><Ticket><![CDATA[T]]></Ticket>',
      ),
    )
    expect(msg).toMatchObject({ sceneId: 'promo_2024' })
  })

  test('the subscription popup event (doc sample) lists each template, one or many', () => {
    const list = (status: string) =>
      `<List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId><SubscribeStatusString><![CDATA[${status}]]></SubscribeStatusString><PopupScene>2</PopupScene></List>`
    const two = parse(
      event(
        `<Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent>${list('accept')}${list('reject')}</SubscribeMsgPopupEvent>`,
      ),
    )
    expect(two).toMatchObject({
      SubscribeMsgPopupEvent: {
        List: [
          { SubscribeStatusString: 'accept', PopupScene: 2 },
          { SubscribeStatusString: 'reject' },
        ],
      },
    })
    const one = parse(
      event(
        `<Event><![CDATA[subscribe_msg_popup_event]]></Event><SubscribeMsgPopupEvent>${list('accept')}</SubscribeMsgPopupEvent>`,
      ),
    )
    expect(one).toMatchObject({
      SubscribeMsgPopupEvent: { List: [{ SubscribeStatusString: 'accept' }] },
    })
  })

  test('the change event is read from the SubscribeMsgPopupEvent wrapper its doc sample uses', () => {
    const msg = parse(
      event(
        '<Event><![CDATA[subscribe_msg_change_event]]></Event><SubscribeMsgPopupEvent><List><TemplateId><![CDATA[T1]]></TemplateId>' +
          '<SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString></List></SubscribeMsgPopupEvent>',
      ),
    )
    expect(msg).toMatchObject({
      kind: 'event.subscribe_msg_change_event',
      SubscribeMsgChangeEvent: { List: [{ TemplateId: 'T1', SubscribeStatusString: 'reject' }] },
    })
  })

  test('the sent event keeps each MsgID as a string and ErrorCode as a number', () => {
    const msg = parse(
      event(
        '<Event><![CDATA[subscribe_msg_sent_event]]></Event><SubscribeMsgSentEvent><List><TemplateId><![CDATA[T1]]></TemplateId>' +
          '<MsgID>1700827132819554304</MsgID><ErrorCode>0</ErrorCode><ErrorStatus><![CDATA[success]]></ErrorStatus></List></SubscribeMsgSentEvent>',
      ),
    )
    expect(msg).toMatchObject({
      SubscribeMsgSentEvent: { List: [{ MsgID: '1700827132819554304', ErrorCode: 0 }] },
    })
  })

  test('a failed publish has fail_idx as numbers and no article', () => {
    const msg = parse(
      event(
        '<Event><![CDATA[PUBLISHJOBFINISH]]></Event><PublishEventInfo><publish_id>2247503051</publish_id>' +
          '<publish_status>2</publish_status><fail_idx>1</fail_idx><fail_idx>3</fail_idx></PublishEventInfo>',
      ),
    )
    expect(msg).toMatchObject({
      PublishEventInfo: { publish_id: '2247503051', publish_status: 2, fail_idx: [1, 3] },
    })
    expect(
      msg.kind === 'event.PUBLISHJOBFINISH' && msg.PublishEventInfo.article_detail,
    ).toBeUndefined()
  })

  test('empty and absent ResultLists both give empty arrays', () => {
    const msg = parse(
      event(
        '<Event><![CDATA[MASSSENDJOBFINISH]]></Event><MsgID>1</MsgID><Status><![CDATA[err(30003)]]></Status>' +
          '<TotalCount>0</TotalCount><FilterCount>0</FilterCount><SentCount>0</SentCount><ErrorCount>0</ErrorCount>' +
          '<CopyrightCheckResult><Count>0</Count><ResultList></ResultList><CheckState>1</CheckState></CopyrightCheckResult>' +
          '<ArticleUrlResult><Count>0</Count></ArticleUrlResult>',
      ),
    )
    expect(msg).toMatchObject({
      CopyrightCheckResult: { ResultList: [] },
      ArticleUrlResult: { ResultList: [] },
    })
  })

  test('user_authorization_revoke (doc sample, outside the reference) reads OpenID, AppID and RevokeInfo', () => {
    const msg = parse(
      event(
        '<Event><![CDATA[user_authorization_revoke]]></Event><OpenID><![CDATA[owAqB1nqaOYYWl0Ng484G2z5NIwU]]></OpenID>' +
          '<AppID><![CDATA[wx13974bf780d3dc89]]></AppID><RevokeInfo><![CDATA[1]]></RevokeInfo>',
      ),
    )
    expect(msg).toMatchObject({
      kind: 'event.user_authorization_revoke',
      OpenID: 'owAqB1nqaOYYWl0Ng484G2z5NIwU',
      RevokeInfo: '1',
    })
  })

  test('a miniprogrampage card reads its five fields', () => {
    const msg = parse(
      `<xml>${HEAD}<MsgType><![CDATA[miniprogrampage]]></MsgType><MsgId>6380393264137043968</MsgId><Title><![CDATA[Title]]></Title>` +
        '<AppId><![CDATA[wx1234]]></AppId><PagePath><![CDATA[pages/a]]></PagePath><ThumbUrl><![CDATA[http://x]]></ThumbUrl>' +
        '<ThumbMediaId><![CDATA[M]]></ThumbMediaId></xml>',
    )
    expect(msg).toMatchObject({
      kind: 'miniprogrampage',
      AppId: 'wx1234',
      PagePath: 'pages/a',
      MsgId: '6380393264137043968',
    })
  })

  test('a text from a customer-service menu carries bizmsgmenuid; from an article, MsgDataId and Idx', () => {
    const msg = parse(
      `<xml>${HEAD}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[满意]]></Content><MsgId>1</MsgId>` +
        '<bizmsgmenuid>101</bizmsgmenuid><MsgDataId>2247483650</MsgDataId><Idx>1</Idx></xml>',
    )
    expect(msg).toMatchObject({ bizmsgmenuid: '101', MsgDataId: '2247483650', Idx: 1 })
  })

  test('elements it does not declare are ignored rather than copied', () => {
    const msg = parse(
      `<xml>${HEAD}<MsgType><![CDATA[text]]></MsgType><Content>x</Content><MsgId>1</MsgId><Future>y</Future></xml>`,
    )
    expect(msg).not.toHaveProperty('Future')
  })

  test('derived fields are not rendered back', () => {
    expect(renderInbound(sampleInbound('event.subscribe'))).not.toContain('sceneId')
  })
})
