import { describe, expect, it } from 'vitest'
import { describeReceived, describeReport } from './format.js'
import type { PushReportInfo } from './inspection-client.js'

const ok: PushReportInfo = {
  kind: 'text',
  acknowledged: true,
  reply: { type: 'text', Content: '你好' },
  attempts: [{ attempt: 1, status: 200, durationMs: 3 }],
}

describe('describeReport', () => {
  it('shows a text reply as the account speaking, lines aligned under the first', () => {
    expect(describeReport(ok)).toEqual(['公众号 › 你好'])
    expect(describeReport({ ...ok, reply: { type: 'text', Content: 'a\nb' } })).toEqual([
      '公众号 › a',
      '         b',
    ])
  })

  it('names media replies by kind and id, and news by its articles', () => {
    expect(describeReport({ ...ok, reply: { type: 'image', Image: { MediaId: 'M1' } } })).toEqual([
      '公众号 › [图片 image, MediaId M1]',
    ])
    const news = describeReport({
      ...ok,
      reply: {
        type: 'news',
        ArticleCount: 1,
        Articles: [{ Title: '新品', Description: 'd', PicUrl: 'p', Url: 'https://e.com/' }],
      },
    })
    expect(news).toEqual(['公众号 › [图文 news, 1 article]', '           · 新品  https://e.com/'])
  })

  it('says when the webhook acknowledged without a reply', () => {
    expect(describeReport({ ...ok, kind: 'event.CLICK', reply: null })).toEqual([
      '· event.CLICK delivered; no reply (the webhook answered success)',
    ])
  })

  it('shows a failed delivery plainly: why, every attempt, what the fan sees, where to look', () => {
    const lines = describeReport({
      kind: 'text',
      acknowledged: false,
      reply: null,
      attempts: [1, 2, 3, 4].map((attempt) => ({ attempt, error: 'timeout', durationMs: 5000 })),
      failure: 'timeout',
      notice: '该公众号暂时无法提供服务，请稍后再试',
    })
    expect(lines[0]).toBe(
      '✗ delivery failed: timeout (4 attempts: timeout, timeout, timeout, timeout)',
    )
    expect(lines[1]).toBe('  the fan sees: 该公众号暂时无法提供服务，请稍后再试')
    expect(lines[2]).toContain('did not answer within 5 s')
  })

  it('points at the webhook log for a 500 and at the credentials for a 401', () => {
    const failed = (status: number): string[] =>
      describeReport({
        kind: 'text',
        acknowledged: false,
        reply: null,
        attempts: [{ attempt: 1, status, durationMs: 1 }],
        failure: `HTTP ${status}`,
        notice: 'n',
      })
    expect(failed(500).join('\n')).toContain('see its log')
    expect(failed(401).join('\n')).toContain('Token and EncodingAESKey')
  })

  it('mentions retries that preceded a reply', () => {
    const lines = describeReport({
      ...ok,
      attempts: [
        { attempt: 1, status: 503, durationMs: 1 },
        { attempt: 2, status: 200, durationMs: 1 },
      ],
    })
    expect(lines).toEqual(['公众号 › 你好', '· (2 attempts: HTTP 503, HTTP 200)'])
  })
})

describe('describeReceived', () => {
  it('shows a customer-service text and summarises other payloads', () => {
    expect(
      describeReceived({
        channel: 'customService',
        msgtype: 'text',
        payload: { content: '稍等，马上回复您' },
        sentAt: 0,
        status: 'success',
      }),
    ).toBe('公众号 › (客服消息) 稍等，马上回复您')
    const long = describeReceived({
      channel: 'template',
      msgtype: 'template',
      payload: { data: 'x'.repeat(500) },
      sentAt: 0,
      status: 'success',
    })
    expect(long.startsWith('公众号 › (模板消息) [template] {"data":"xxx')).toBe(true)
    expect(long.endsWith('…')).toBe(true)
    expect(long.length).toBeLessThan(200)
  })
})
