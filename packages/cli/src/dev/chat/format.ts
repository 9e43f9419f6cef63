/**
 * How `wxmp chat` shows what comes back: the account's passive reply, a delivery that failed
 * (with what WeChat shows the fan instead), and messages that arrive later through other channels.
 */
import type { PushReportInfo, ReceivedInfo } from './inspection-client.js'

/** The prefix of a line the account "says". */
export const ACCOUNT_PREFIX = '公众号 › '

const CHANNELS: Readonly<Record<string, string>> = {
  customService: '客服消息',
  template: '模板消息',
  subscribe: '订阅通知',
  mass: '群发',
  preview: '预览',
  reply: '回复',
}

/** The lines describing a delivery report. */
export function describeReport(report: PushReportInfo): string[] {
  const retried = retries(report)
  if (report.failure !== undefined) {
    return [
      `✗ delivery failed: ${report.failure}${retried}`,
      ...(report.notice === undefined ? [] : [`  the fan sees: ${report.notice}`]),
      ...hint(report),
    ]
  }
  if (report.reply === null)
    return [`· ${report.kind} delivered; no reply (the webhook answered success)${retried}`]
  return [
    ...indent(ACCOUNT_PREFIX, describeReply(report.reply)),
    ...(retried ? [`·${retried}`] : []),
  ]
}

/** A passive reply, as the fan's WeChat would show it, in words. */
export function describeReply(reply: { readonly type: string } & Record<string, unknown>): string {
  const media = (field: string): string => {
    const inner = reply[field] as { MediaId?: unknown } | undefined
    return typeof inner?.MediaId === 'string' ? inner.MediaId : '?'
  }
  switch (reply.type) {
    case 'text':
      return String(reply.Content)
    case 'image':
      return `[图片 image, MediaId ${media('Image')}]`
    case 'voice':
      return `[语音 voice, MediaId ${media('Voice')}]`
    case 'video': {
      const video = reply.Video as { Title?: unknown } | undefined
      return `[视频 video${typeof video?.Title === 'string' ? ` “${video.Title}”` : ''}, MediaId ${media('Video')}]`
    }
    case 'music': {
      const music = reply.Music as { Title?: unknown; MusicUrl?: unknown } | undefined
      return `[音乐 music ${typeof music?.Title === 'string' ? `“${music.Title}” ` : ''}${typeof music?.MusicUrl === 'string' ? music.MusicUrl : ''}]`.replace(
        ' ]',
        ']',
      )
    }
    case 'news': {
      const articles = (reply.Articles as { Title?: unknown; Url?: unknown }[] | undefined) ?? []
      return [
        `[图文 news, ${articles.length} article${articles.length === 1 ? '' : 's'}]`,
        ...articles.map((a) => `  · ${String(a.Title)}  ${String(a.Url)}`),
      ].join('\n')
    }
    case 'transfer_customer_service':
      return '[transferred to customer service (转发到客服); an agent answers through the customer-service API]'
    default:
      return `[${reply.type}] ${JSON.stringify(reply)}`
  }
}

/** A message that reached the fan outside a passive reply. */
export function describeReceived(record: ReceivedInfo): string {
  const channel = CHANNELS[record.channel] ?? record.channel
  const payload = record.payload as { content?: unknown } | undefined
  const body =
    record.msgtype === 'text' && typeof payload?.content === 'string'
      ? payload.content
      : `[${record.msgtype}] ${truncate(JSON.stringify(record.payload ?? null), 160)}`
  return `${ACCOUNT_PREFIX}(${channel}) ${body}`
}

function retries(report: PushReportInfo): string {
  if (report.attempts.length <= 1) return ''
  const what = report.attempts
    .map((a) => a.error ?? (a.status === undefined ? '?' : `HTTP ${a.status}`))
    .join(', ')
  return ` (${report.attempts.length} attempts: ${what})`
}

/** Where to look next, for the failures a developer causes most often. */
function hint(report: PushReportInfo): string[] {
  const failure = report.failure ?? ''
  if (failure === 'timeout')
    return [
      '  the webhook did not answer within 5 s: a slow handler? (wxmp answers success at 4.5 s)',
    ]
  if (/ECONNREFUSED|fetch failed|not sent/.test(failure))
    return ['  nothing listens at the push URL: is the webhook running?']
  if (failure.startsWith('HTTP 5'))
    return ["  the webhook failed: see its log in wxmp dev's output"]
  if (failure.startsWith('HTTP 401') || failure.startsWith('HTTP 403'))
    return [
      '  the webhook refused the signature: do its Token and EncodingAESKey match the account?',
    ]
  return []
}

function indent(prefix: string, text: string): string[] {
  // 公众号 is three double-width characters: the prefix takes 9 columns on a terminal.
  const pad = ' '.repeat(9)
  return text.split('\n').map((line, i) => (i === 0 ? prefix + line : pad + line))
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
