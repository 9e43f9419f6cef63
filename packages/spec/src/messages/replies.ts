/**
 * Passive replies (被动回复用户消息, protocol reference §3): what a webhook may answer a push
 * with. The header (ToUserName, FromUserName, CreateTime, MsgType) is added by `renderReply`.
 */
import { reply } from './define.js'
import { f } from './fields.js'

const PASSIVE = 'Message_Management/Passive_user_reply_message'

/** 回复文本消息 */
export const textReply = reply('text', {
  title: '回复文本消息',
  doc: PASSIVE,
  fields: { Content: f.string },
  sample: { Content: '你好，欢迎关注！\n回复 1 查看菜单' },
})

/** 回复图片消息 */
export const imageReply = reply('image', {
  title: '回复图片消息',
  doc: PASSIVE,
  fields: { Image: f.object({ MediaId: f.string }) },
  sample: { Image: { MediaId: 'eGVAtUHKsYhtfTnEFMnfOZgqLvwWxvJ8wm2eXnVbR7Y' } },
})

/** 回复语音消息 */
export const voiceReply = reply('voice', {
  title: '回复语音消息',
  doc: PASSIVE,
  fields: { Voice: f.object({ MediaId: f.string }) },
  sample: { Voice: { MediaId: 'Ye6wRx4xMYcPuLJbfSIEJJ3oY1X0EKHEeN6M6XYFJkq' } },
})

/** 回复视频消息 */
export const videoReply = reply('video', {
  title: '回复视频消息',
  doc: PASSIVE,
  fields: {
    Video: f.object({
      MediaId: f.string,
      Title: f.string.optional(),
      Description: f.string.optional(),
    }),
  },
  sample: {
    Video: {
      MediaId: 'p3eHqLtM6dYUz4RfVKn7wC9xJb2aGs5Ti8oQy1NvHzD',
      Title: '产品演示',
      Description: '三分钟看懂',
    },
  },
})

/** 回复音乐消息 */
export const musicReply = reply('music', {
  title: '回复音乐消息',
  doc: PASSIVE,
  fields: {
    Music: f.object({
      Title: f.string.optional(),
      Description: f.string.optional(),
      MusicUrl: f.string.optional(),
      HQMusicUrl: f.string.optional(), // preferred on Wi-Fi
      ThumbMediaId: f.string,
    }),
  },
  sample: {
    Music: {
      Title: '晴天',
      Description: '周杰伦',
      MusicUrl: 'https://example.com/music/sunny.mp3',
      HQMusicUrl: 'https://example.com/music/sunny-hq.mp3',
      ThumbMediaId: 'Bk3mXw7Qz0Hc9Vu2Rn6Tf1Ly5Dp8Gs4Ja0Ei3Ko7Wq',
    },
  },
})

/** 回复图文消息 */
export const newsReply = reply('news', {
  title: '回复图文消息',
  doc: PASSIVE,
  fields: {
    // Must equal the number of items; `reply.news()` sets it. WeChat shows 1 article for replies
    // to user messages and up to 8 otherwise, dropping the rest silently.
    ArticleCount: f.int,
    Articles: f.list(
      'item',
      f.object({ Title: f.string, Description: f.string, PicUrl: f.string, Url: f.string }),
    ),
  },
  sample: {
    ArticleCount: 1,
    Articles: [
      {
        Title: '新品上市',
        Description: '点击查看详情',
        PicUrl: 'https://example.com/a.jpg',
        Url: 'https://example.com/',
      },
    ],
  },
})

/** 将消息转发到客服 */
export const transferCustomerServiceReply = reply('transfer_customer_service', {
  title: '将消息转发到客服',
  doc: 'Customer_Service/Forwarding_of_messages_to_service_center',
  // Without TransInfo WeChat picks any online agent.
  fields: { TransInfo: f.object({ KfAccount: f.string }).optional() },
  sample: { TransInfo: { KfAccount: 'test1@test' } },
})
