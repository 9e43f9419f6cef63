/**
 * Normal messages a user sends to the account (接收普通消息, protocol reference §2.3). Each also
 * carries `MsgId` and the optional `MsgDataId`/`Idx` declared once in `define.ts`.
 */
import { message } from './define.js'
import { f } from './fields.js'

const STANDARD = 'Message_Management/Receiving_standard_messages'

/** 文本消息 */
export const text = message('text', {
  title: '文本消息',
  doc: STANDARD,
  fields: {
    Content: f.string,
    // Only when the user tapped an option of a customer-service menu message (msgmenu): the
    // option's id, written bare by WeChat (reference §6.8).
    bizmsgmenuid: f.id.optional(),
  },
  sample: { Content: '你好，wxmp' },
})

/** 图片消息 */
export const image = message('image', {
  title: '图片消息',
  doc: STANDARD,
  fields: { PicUrl: f.string, MediaId: f.string },
  sample: {
    PicUrl: 'http://mmbiz.qpic.cn/mmbiz_jpg/5Nf2KqBtTHWHg3Dv4jRpnQ/0',
    MediaId: 'eGVAtUHKsYhtfTnEFMnfOZgqLvwWxvJ8wm2eXnVbR7Y',
  },
})

/** 语音消息 */
export const voice = message('voice', {
  title: '语音消息',
  doc: STANDARD,
  fields: {
    MediaId: f.string,
    Format: f.string,
    // The 16 kHz variant, present on newer pushes.
    MediaId16K: f.string.optional(),
    // Speech-to-text, only when recognition is enabled. The doc prose spells it "Recongnition";
    // the element is `Recognition`.
    Recognition: f.string.optional(),
  },
  sample: {
    MediaId: 'Ye6wRx4xMYcPuLJbfSIEJJ3oY1X0EKHEeN6M6XYFJkq',
    Format: 'amr',
    Recognition: '腾讯微信团队',
  },
})

const videoFields = { MediaId: f.string, ThumbMediaId: f.string }

/** 视频消息 */
export const video = message('video', {
  title: '视频消息',
  doc: STANDARD,
  fields: videoFields,
  sample: {
    MediaId: 'p3eHqLtM6dYUz4RfVKn7wC9xJb2aGs5Ti8oQy1NvHzD',
    ThumbMediaId: 'Bk3mXw7Qz0Hc9Vu2Rn6Tf1Ly5Dp8Gs4Ja0Ei3Ko7Wq',
  },
})

/** 小视频消息 */
export const shortvideo = message('shortvideo', {
  title: '小视频消息',
  doc: STANDARD,
  fields: videoFields,
  sample: {
    MediaId: 'Zq8Wn2Rk5Tx1Vb7Mc4Lp0Hs6Gd3Fj9Ay2Eu5Io8Kt1',
    ThumbMediaId: 'Mf5Xc1Nv8Qb3Lz6Hk0Tr4Gy7Dw2Sa9Pe5Uj1Io6Kq',
  },
})

/** 地理位置消息 */
export const location = message('location', {
  title: '地理位置消息',
  doc: STANDARD,
  fields: {
    Location_X: f.decimal, // latitude
    Location_Y: f.decimal, // longitude
    Scale: f.int,
    Label: f.string,
  },
  sample: { Location_X: 23.134521, Location_Y: 113.358803, Scale: 20, Label: '广东省广州市海珠区' },
})

/** 链接消息 */
export const link = message('link', {
  title: '链接消息',
  doc: STANDARD,
  fields: { Title: f.string, Description: f.string, Url: f.string },
  sample: {
    Title: '公众号开发指南',
    Description: '从接入到上线',
    Url: 'https://mp.weixin.qq.com/s/Fq3M0o4pM9nQ2QxJ6w1a7g',
  },
})

/** 小程序卡片消息 */
export const miniprogrampage = message('miniprogrampage', {
  title: '小程序卡片消息',
  doc: '/miniprogram/dev/framework/open-ability/customer-message/receive',
  provenance:
    'The reference (§2.2) only names the MsgType. Fields from the mini-program customer-service ' +
    'doc 接收消息和事件 (小程序卡片消息) and WxJava/SKIT samples: Title, AppId, PagePath, ThumbUrl, ThumbMediaId.',
  fields: {
    Title: f.string,
    AppId: f.string,
    PagePath: f.string,
    ThumbUrl: f.string,
    ThumbMediaId: f.string,
  },
  sample: {
    Title: '点餐小程序',
    AppId: 'wx1234567890abcdef',
    PagePath: 'pages/index/index?from=kf',
    ThumbUrl: 'http://mmbiz.qpic.cn/mmbiz_jpg/xyz/0',
    ThumbMediaId: 'Kd4Rz8Wq1Mx5Tb9Vn2Lc6Hp0Gs3Fj7Ay4Eu8Io1Kt5',
  },
})
