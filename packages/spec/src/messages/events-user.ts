/**
 * Events about the user and the account relationship (接收事件推送, protocol reference §2.4):
 * follow, unfollow, parametric QR scans, location reports, and the authorisation-change events.
 */
import { event } from './define.js'
import { f } from './fields.js'

const EVENTS = 'Message_Management/Receiving_event_pushes'
const QR_PREFIX = 'qrscene_'

/** 关注事件 (含扫描带参数二维码关注). */
export const subscribe = event('subscribe', {
  title: '关注事件（含用户未关注时扫描带参数二维码）',
  doc: EVENTS,
  fields: {
    // Both present only when the user followed by scanning a parametric QR code.
    EventKey: f.string.optional(),
    Ticket: f.string.optional(),
  },
  sample: {
    EventKey: 'qrscene_123123',
    Ticket:
      'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==',
  },
  // The scene is `EventKey` minus `qrscene_`; SCAN sends it bare, so both expose `sceneId`.
  derive: (m): { sceneId?: string } =>
    m.EventKey?.startsWith(QR_PREFIX) ? { sceneId: m.EventKey.slice(QR_PREFIX.length) } : {},
})

/** 取消关注事件 */
export const unsubscribe = event('unsubscribe', {
  title: '取消关注事件',
  doc: EVENTS,
  fields: {},
  sample: {},
})

/** 扫描带参数二维码事件 (用户已关注时). */
export const SCAN = event('SCAN', {
  title: '扫描带参数二维码事件（用户已关注时）',
  doc: EVENTS,
  fields: { EventKey: f.string, Ticket: f.string },
  sample: {
    EventKey: '123123',
    Ticket:
      'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==',
  },
  derive: (m): { sceneId: string } => ({ sceneId: m.EventKey }),
})

/** 上报地理位置事件 */
export const LOCATION = event('LOCATION', {
  title: '上报地理位置事件',
  doc: EVENTS,
  fields: { Latitude: f.decimal, Longitude: f.decimal, Precision: f.decimal },
  sample: { Latitude: 23.137466, Longitude: 113.352425, Precision: 119.38504 },
})

const AUTHORIZATION_CHANGE = '/doc/service/guide/h5/authorization_change'
const AUTHORIZATION_PROVENANCE =
  'Not in the protocol reference. Shape from the doc 授权用户信息变更 (service-account H5 guide and ' +
  'open-platform copies): OpenID, AppID, RevokeInfo (+ UnionID on open-platform apps). All optional: ' +
  'community reports show pushes without OpenID, and RevokeInfo only means something for revokes.'
const authorizationFields = {
  OpenID: f.string.optional(),
  AppID: f.string.optional(),
  RevokeInfo: f.string.optional(),
  UnionID: f.string.optional(),
}

/** 授权用户资料变更 */
export const user_info_modified = event('user_info_modified', {
  title: '授权用户资料变更',
  doc: AUTHORIZATION_CHANGE,
  provenance: AUTHORIZATION_PROVENANCE,
  fields: authorizationFields,
  sample: { OpenID: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', AppID: 'wx13974bf780d3dc89' },
})

/** 授权用户资料撤回 */
export const user_authorization_revoke = event('user_authorization_revoke', {
  title: '授权用户资料撤回',
  doc: AUTHORIZATION_CHANGE,
  provenance: AUTHORIZATION_PROVENANCE,
  fields: authorizationFields,
  sample: {
    OpenID: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
    AppID: 'wx13974bf780d3dc89',
    RevokeInfo: '201',
  },
})

/** 授权用户完成注销 */
export const user_authorization_cancellation = event('user_authorization_cancellation', {
  title: '授权用户完成注销',
  doc: AUTHORIZATION_CHANGE,
  provenance: AUTHORIZATION_PROVENANCE,
  fields: authorizationFields,
  sample: { OpenID: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M', AppID: 'wx13974bf780d3dc89' },
})
