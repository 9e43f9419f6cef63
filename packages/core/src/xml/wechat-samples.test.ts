import { describe, expect, it } from 'vitest'
import { parseXml } from './parse-xml.js'

/** Header of every push (§2.2 of the protocol reference). */
const HEAD = `<ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
  <FromUserName><![CDATA[oUser000000000000000000000A]]></FromUserName>
  <CreateTime>1700000000</CreateTime>
  <MsgType><![CDATA[event]]></MsgType>`

const HEAD_VALUE = {
  ToUserName: 'gh_123456789abc',
  FromUserName: 'oUser000000000000000000000A',
  CreateTime: '1700000000',
  MsgType: 'event',
}

describe('parseXml on the protocol reference samples', () => {
  it('parses MASSSENDJOBFINISH into its nested shape', () => {
    const xml = `<xml>
  ${HEAD}
<Event><![CDATA[MASSSENDJOBFINISH]]></Event>
<MsgID>1000001625</MsgID>
<Status><![CDATA[send success]]></Status>
<TotalCount>100</TotalCount><FilterCount>80</FilterCount><SentCount>75</SentCount><ErrorCount>5</ErrorCount>
<CopyrightCheckResult>
  <Count>1</Count>
  <ResultList><item>
    <ArticleIdx>1</ArticleIdx><UserDeclareState>0</UserDeclareState><AuditState>2</AuditState>
    <OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl><OriginalArticleType>1</OriginalArticleType>
    <CanReprint>1</CanReprint><NeedReplaceContent>1</NeedReplaceContent><NeedShowReprintSource>1</NeedShowReprintSource>
  </item></ResultList>
  <CheckState>2</CheckState>
</CopyrightCheckResult>
<ArticleUrlResult><Count>1</Count>
  <ResultList><item><ArticleIdx>1</ArticleIdx><ArticleUrl><![CDATA[Url]]></ArticleUrl></item></ResultList>
</ArticleUrlResult>
</xml>`
    expect(parseXml(xml)).toEqual({
      xml: {
        ...HEAD_VALUE,
        Event: 'MASSSENDJOBFINISH',
        MsgID: '1000001625',
        Status: 'send success',
        TotalCount: '100',
        FilterCount: '80',
        SentCount: '75',
        ErrorCount: '5',
        CopyrightCheckResult: {
          Count: '1',
          ResultList: {
            item: {
              ArticleIdx: '1',
              UserDeclareState: '0',
              AuditState: '2',
              OriginalArticleUrl: 'Url_1',
              OriginalArticleType: '1',
              CanReprint: '1',
              NeedReplaceContent: '1',
              NeedShowReprintSource: '1',
            },
          },
          CheckState: '2',
        },
        ArticleUrlResult: {
          Count: '1',
          ResultList: { item: { ArticleIdx: '1', ArticleUrl: 'Url' } },
        },
      },
    })
  })

  it('parses PUBLISHJOBFINISH into its nested shape, repeated fail_idx as an array', () => {
    const xml = `<xml>
  ${HEAD}
<Event><![CDATA[PUBLISHJOBFINISH]]></Event>
<PublishEventInfo>
  <publish_id>2247503051</publish_id><publish_status>2</publish_status>
  <article_id><![CDATA[ARTICLE_ID]]></article_id>
  <article_detail><count>2</count><item><idx>1</idx><article_url><![CDATA[ARTICLE_URL]]></article_url></item><item><idx>2</idx><article_url><![CDATA[URL_2]]></article_url></item></article_detail>
  <fail_idx>1</fail_idx><fail_idx>2</fail_idx>
</PublishEventInfo>
</xml>`
    expect(parseXml(xml)).toEqual({
      xml: {
        ...HEAD_VALUE,
        Event: 'PUBLISHJOBFINISH',
        PublishEventInfo: {
          publish_id: '2247503051',
          publish_status: '2',
          article_id: 'ARTICLE_ID',
          article_detail: {
            count: '2',
            item: [
              { idx: '1', article_url: 'ARTICLE_URL' },
              { idx: '2', article_url: 'URL_2' },
            ],
          },
          fail_idx: ['1', '2'],
        },
      },
    })
  })

  it('parses pic_sysphoto with its PicList of items and an empty list as ""', () => {
    const xml = `<xml>${HEAD}<Event><![CDATA[pic_sysphoto]]></Event><EventKey><![CDATA[rselfmenu_1_0]]></EventKey>
<SendPicsInfo><Count>2</Count>
  <PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[x]]></PicMd5Sum></item></PicList>
</SendPicsInfo><Empty/><ResultList></ResultList></xml>`
    expect(parseXml(xml).xml).toEqual({
      ...HEAD_VALUE,
      Event: 'pic_sysphoto',
      EventKey: 'rselfmenu_1_0',
      SendPicsInfo: {
        Count: '2',
        PicList: { item: [{ PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' }, { PicMd5Sum: 'x' }] },
      },
      Empty: '',
      ResultList: '',
    })
  })

  it('parses scancode_push with its ScanCodeInfo and a safe-mode envelope', () => {
    const push = `<xml>${HEAD}<Event><![CDATA[scancode_push]]></Event><EventKey><![CDATA[rselfmenu_0_1]]></EventKey>
<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo></xml>`
    expect(parseXml(push).xml).toMatchObject({
      ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '1' },
    })
    const envelope =
      '<xml><ToUserName><![CDATA[gh_xxx]]></ToUserName><Encrypt><![CDATA[a+b/c==]]></Encrypt></xml>'
    expect(parseXml(envelope)).toEqual({ xml: { ToUserName: 'gh_xxx', Encrypt: 'a+b/c==' } })
  })
})
