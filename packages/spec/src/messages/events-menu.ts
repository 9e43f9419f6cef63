/**
 * Custom-menu events (自定义菜单事件推送, protocol reference §2.4): one per button type.
 */
import { event } from './define.js'
import { f } from './fields.js'

const MENU = 'Custom_Menus/Custom_Menu_Push_Events'

/** 点击菜单拉取消息时的事件推送 */
export const CLICK = event('CLICK', {
  title: '点击菜单拉取消息时的事件推送',
  doc: MENU,
  fields: { EventKey: f.string },
  sample: { EventKey: 'V1001_TODAY_MUSIC' },
})

/** 点击菜单跳转链接时的事件推送 */
export const VIEW = event('VIEW', {
  title: '点击菜单跳转链接时的事件推送',
  doc: MENU,
  // MenuId names the (conditional) menu the button belongs to; WeChat writes it bare.
  fields: { EventKey: f.string, MenuId: f.id.optional() },
  sample: { EventKey: 'https://www.qq.com', MenuId: '419870832' },
})

const scanFields = {
  EventKey: f.string,
  ScanCodeInfo: f.object({ ScanType: f.string, ScanResult: f.string }),
}

/** 扫码推事件的事件推送 */
export const scancode_push = event('scancode_push', {
  title: '扫码推事件的事件推送',
  doc: MENU,
  fields: scanFields,
  sample: {
    EventKey: 'rselfmenu_0_1',
    ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'https://w.url.cn/s/AbCdEf' },
  },
})

/** 扫码推事件且弹出“消息接收中”提示框的事件推送 */
export const scancode_waitmsg = event('scancode_waitmsg', {
  title: '扫码推事件且弹出“消息接收中”提示框的事件推送',
  doc: MENU,
  fields: scanFields,
  sample: {
    EventKey: 'rselfmenu_0_0',
    ScanCodeInfo: { ScanType: 'barcode', ScanResult: 'EAN_13,6901234567892' },
  },
})

const picFields = {
  EventKey: f.string,
  SendPicsInfo: f.object({
    Count: f.int,
    PicList: f.list('item', f.object({ PicMd5Sum: f.string })),
  }),
}
const twoPictures = {
  Count: 2,
  PicList: [
    { PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' },
    { PicMd5Sum: '9a0364b9e99bb480dd25e1f0284c8555' },
  ],
}

/** 弹出系统拍照发图的事件推送 */
export const pic_sysphoto = event('pic_sysphoto', {
  title: '弹出系统拍照发图的事件推送',
  doc: MENU,
  fields: picFields,
  sample: {
    EventKey: 'rselfmenu_1_0',
    SendPicsInfo: { Count: 1, PicList: [{ PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' }] },
  },
})

/** 弹出拍照或者相册发图的事件推送 */
export const pic_photo_or_album = event('pic_photo_or_album', {
  title: '弹出拍照或者相册发图的事件推送',
  doc: MENU,
  fields: picFields,
  sample: { EventKey: 'rselfmenu_1_1', SendPicsInfo: twoPictures },
})

/** 弹出微信相册发图器的事件推送 */
export const pic_weixin = event('pic_weixin', {
  title: '弹出微信相册发图器的事件推送',
  doc: MENU,
  fields: picFields,
  sample: { EventKey: 'rselfmenu_1_2', SendPicsInfo: twoPictures },
})

/** 弹出地理位置选择器的事件推送 */
export const location_select = event('location_select', {
  title: '弹出地理位置选择器的事件推送',
  doc: MENU,
  fields: {
    EventKey: f.string,
    // Unlike the `location` message, WeChat quotes these numbers in CDATA.
    SendLocationInfo: f.object({
      Location_X: f.decimal.cdata(),
      Location_Y: f.decimal.cdata(),
      Scale: f.int.cdata(),
      Label: f.string,
      Poiname: f.string.optional(),
    }),
  },
  sample: {
    EventKey: 'rselfmenu_2_0',
    SendLocationInfo: {
      Location_X: 23.134521,
      Location_Y: 113.358803,
      Scale: 15,
      Label: '广州市海珠区客村艺苑路 106号',
      Poiname: '',
    },
  },
})

/** 点击菜单跳转小程序的事件推送 */
export const view_miniprogram = event('view_miniprogram', {
  title: '点击菜单跳转小程序的事件推送',
  doc: MENU,
  // The reference lists MenuId here without saying optional; it is the same conditional-menu id as
  // VIEW's, so it is optional here too rather than turning a push without it into `invalid`.
  fields: { EventKey: f.string, MenuId: f.id.optional() },
  sample: { EventKey: 'pages/index/index', MenuId: '419870832' },
})
