/**
 * Builders for passive replies, so handlers write `reply.text('hi')` instead of spelling out
 * WeChat's nested elements. Each returns a plain `Reply` value; `renderReply` writes it.
 */
import type { ReplyOf } from './registry.js'

type Video = ReplyOf<'video'>['Video']
type Music = ReplyOf<'music'>['Music']
type Article = ReplyOf<'news'>['Articles'][number]

/**
 * Passive reply builders.
 * @example
 * wh.on('text', (msg) => reply.text(`you said: ${msg.Content}`))
 */
export const reply = {
  /** A text reply; newlines are allowed. */
  text: (content: string): ReplyOf<'text'> => ({ type: 'text', Content: content }),
  /** An image reply by media id (temporary or permanent material; gif is not supported). */
  image: (mediaId: string): ReplyOf<'image'> => ({ type: 'image', Image: { MediaId: mediaId } }),
  /** A voice reply by media id. */
  voice: (mediaId: string): ReplyOf<'voice'> => ({ type: 'voice', Voice: { MediaId: mediaId } }),
  /** A video reply; `Title` and `Description` are optional. */
  video: (video: Video): ReplyOf<'video'> => ({ type: 'video', Video: { ...video } }),
  /** A music reply; only `ThumbMediaId` is required. */
  music: (music: Music): ReplyOf<'music'> => ({ type: 'music', Music: { ...music } }),
  /**
   * A news (图文) reply. WeChat shows one article when answering a user message and up to 8
   * otherwise, dropping the rest without an error; `ArticleCount` is set from the list.
   */
  news: (articles: readonly Article[]): ReplyOf<'news'> => ({
    type: 'news',
    ArticleCount: articles.length,
    Articles: articles.map((a) => ({ ...a })),
  }),
  /** Hands the conversation to customer service, to one agent when `kfAccount` is given. */
  transferCustomerService: (kfAccount?: string): ReplyOf<'transfer_customer_service'> =>
    kfAccount === undefined
      ? { type: 'transfer_customer_service' }
      : { type: 'transfer_customer_service', TransInfo: { KfAccount: kfAccount } },
} as const
