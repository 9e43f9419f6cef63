/**
 * The XML samples of the protocol reference (§2.3, §2.4, §3), as WeChat would send them. The
 * reference abbreviates most samples to their distinctive elements; each is completed here with
 * the reference's own header values (and its sample MsgId), keeping its whitespace.
 */

const HEADER = `
  <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
  <FromUserName><![CDATA[oUser000000000000000000000A]]></FromUserName>
  <CreateTime>1700000000</CreateTime>`

/** A normal message of the reference: header, MsgType, body, MsgId. */
function message(type: string, body: string): string {
  return `<xml>${HEADER}
  <MsgType><![CDATA[${type}]]></MsgType>${body}
  <MsgId>24000000000000001</MsgId>
</xml>`
}

/** An event of the reference: header, `MsgType` event, then the sample's elements. */
function event(body: string): string {
  return `<xml>${HEADER}
  <MsgType><![CDATA[event]]></MsgType>
  ${body}
</xml>`
}

/** §2.3 normal messages. */
export const MESSAGES = {
  text: `<xml>
  <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
  <FromUserName><![CDATA[oUser000000000000000000000A]]></FromUserName>
  <CreateTime>1700000000</CreateTime>
  <MsgType><![CDATA[text]]></MsgType>
  <Content><![CDATA[hello]]></Content>
  <MsgId>24000000000000001</MsgId>
</xml>`,
  image: message(
    'image',
    `
  <PicUrl><![CDATA[http://mmbiz.qpic.cn/xxx]]></PicUrl>
  <MediaId><![CDATA[MEDIA_ID]]></MediaId>`,
  ),
  voice: message(
    'voice',
    `
  <MediaId><![CDATA[MEDIA_ID]]></MediaId>
  <Format><![CDATA[amr]]></Format>
  <Recognition><![CDATA[腾讯微信团队]]></Recognition>`,
  ),
  video: message(
    'video',
    `
  <MediaId><![CDATA[MEDIA_ID]]></MediaId>
  <ThumbMediaId><![CDATA[THUMB_MEDIA_ID]]></ThumbMediaId>`,
  ),
  shortvideo: message(
    'shortvideo',
    `
  <MediaId><![CDATA[MEDIA_ID]]></MediaId>
  <ThumbMediaId><![CDATA[THUMB_MEDIA_ID]]></ThumbMediaId>`,
  ),
  location: message(
    'location',
    `
  <Location_X>23.134521</Location_X>
  <Location_Y>113.358803</Location_Y>
  <Scale>20</Scale>
  <Label><![CDATA[位置信息]]></Label>`,
  ),
  link: message(
    'link',
    `
  <Title><![CDATA[Title]]></Title>
  <Description><![CDATA[Desc]]></Description>
  <Url><![CDATA[https://example.com/]]></Url>`,
  ),
} as const

/** §2.4 events. */
export const EVENTS = {
  subscribe: `<xml>
  <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
  <FromUserName><![CDATA[oUser000000000000000000000A]]></FromUserName>
  <CreateTime>1700000000</CreateTime>
  <MsgType><![CDATA[event]]></MsgType>
  <Event><![CDATA[subscribe]]></Event>
  <EventKey><![CDATA[qrscene_123123]]></EventKey>
  <Ticket><![CDATA[TICKET]]></Ticket>
</xml>`,
  SCAN: event(
    `<Event><![CDATA[SCAN]]></Event><EventKey><![CDATA[123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>`,
  ),
  LOCATION: event(
    `<Event><![CDATA[LOCATION]]></Event><Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>`,
  ),
  CLICK: event(
    `<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>`,
  ),
  VIEW: event(
    `<Event><![CDATA[VIEW]]></Event><EventKey><![CDATA[https://www.qq.com]]></EventKey><MenuId>MENUID</MenuId>`,
  ),
  scancode_push: event(`<Event><![CDATA[scancode_push]]></Event>
<EventKey><![CDATA[rselfmenu_0_1]]></EventKey>
<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo>`),
  pic_sysphoto: event(`<Event><![CDATA[pic_sysphoto]]></Event>
<EventKey><![CDATA[rselfmenu_1_0]]></EventKey>
<SendPicsInfo><Count>1</Count>
  <PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item></PicList>
</SendPicsInfo>`),
  location_select: event(`<Event><![CDATA[location_select]]></Event>
<EventKey><![CDATA[rselfmenu_2_0]]></EventKey>
<SendLocationInfo><Location_X><![CDATA[23]]></Location_X><Location_Y><![CDATA[113]]></Location_Y>
  <Scale><![CDATA[15]]></Scale><Label><![CDATA[广州市海珠区客村艺苑路 106号]]></Label><Poiname><![CDATA[]]></Poiname>
</SendLocationInfo>`),
  view_miniprogram: event(
    `<Event><![CDATA[view_miniprogram]]></Event><EventKey><![CDATA[pages/index/index]]></EventKey><MenuId>MENUID</MenuId>`,
  ),
  TEMPLATESENDJOBFINISH: event(
    `<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>200163836</MsgID><Status><![CDATA[success]]></Status>`,
  ),
  MASSSENDJOBFINISH: event(`<Event><![CDATA[MASSSENDJOBFINISH]]></Event>
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
</ArticleUrlResult>`),
  PUBLISHJOBFINISH: event(`<Event><![CDATA[PUBLISHJOBFINISH]]></Event>
<PublishEventInfo>
  <publish_id>2247503051</publish_id><publish_status>0</publish_status>
  <article_id><![CDATA[ARTICLE_ID]]></article_id>
  <article_detail><count>1</count><item><idx>1</idx><article_url><![CDATA[ARTICLE_URL]]></article_url></item></article_detail>
</PublishEventInfo>`),
} as const

/** §3 passive reply sample. */
export const NEWS_REPLY = `<xml>
  <ToUserName><![CDATA[oUser000000000000000000000A]]></ToUserName>
  <FromUserName><![CDATA[gh_123456789abc]]></FromUserName>
  <CreateTime>1700000001</CreateTime>
  <MsgType><![CDATA[news]]></MsgType>
  <ArticleCount>1</ArticleCount>
  <Articles>
    <item>
      <Title><![CDATA[title1]]></Title>
      <Description><![CDATA[description1]]></Description>
      <PicUrl><![CDATA[https://example.com/a.jpg]]></PicUrl>
      <Url><![CDATA[https://example.com/]]></Url>
    </item>
  </Articles>
</xml>`

/** §3 transfer to customer service, with the optional agent. */
export const TRANSFER_REPLY = `<xml>
  <ToUserName><![CDATA[oUser000000000000000000000A]]></ToUserName>
  <FromUserName><![CDATA[gh_123456789abc]]></FromUserName>
  <CreateTime>1700000001</CreateTime>
  <MsgType><![CDATA[transfer_customer_service]]></MsgType>
  <TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo>
</xml>`
