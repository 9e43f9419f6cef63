import { describe, expect, test } from 'vitest'
import { parseInbound } from './parse-inbound.js'
import { renderInbound } from './render-inbound.js'
import { sampleInbound } from './samples.js'
import { xmlDoc } from './xml-doc.test.fixtures.js'

describe('renderInbound', () => {
  test('writes a text message as the reference shows it: strings in CDATA, numbers bare', () => {
    expect(renderInbound(sampleInbound('text', { Content: 'hello' }))).toBe(
      '<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName><FromUserName><![CDATA[o6_bmjrPTlm6_2sgVt7hMZOPfL2M]]></FromUserName>' +
        '<CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content>' +
        '<MsgId>7293847561029384756</MsgId></xml>',
    )
  })

  test('writes list items inside their wrapper and repeated tags in place', () => {
    expect(renderInbound(sampleInbound('event.pic_sysphoto'))).toContain(
      '<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item></PicList></SendPicsInfo>',
    )
    const info = { ...sampleInbound('event.PUBLISHJOBFINISH').PublishEventInfo, fail_idx: [1, 2] }
    expect(
      renderInbound(sampleInbound('event.PUBLISHJOBFINISH', { PublishEventInfo: info })),
    ).toContain('<fail_idx>1</fail_idx><fail_idx>2</fail_idx>')
  })

  test('quotes location_select numbers in CDATA like WeChat', () => {
    expect(renderInbound(sampleInbound('event.location_select'))).toContain(
      '<Scale><![CDATA[15]]></Scale>',
    )
  })

  test('writes an unknown message from its raw object', () => {
    const raw = xmlDoc(
      '<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[debug_demo]]></Event><Seq>3</Seq><L><i>a</i><i>b</i></L></xml>',
    )
    const msg = parseInbound(raw)
    expect(msg.kind).toBe('unknown')
    const xml = renderInbound(msg)
    expect(xml).toBe(
      '<xml><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[debug_demo]]></Event><Seq>3</Seq><L><i><![CDATA[a]]></i><i><![CDATA[b]]></i></L></xml>',
    )
    expect(xmlDoc(xml)).toEqual(raw)
  })
})
