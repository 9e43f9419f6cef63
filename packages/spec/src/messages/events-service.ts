/**
 * Customer-service session events and subscription-notification (订阅通知) events
 * (protocol reference §2.4).
 */
import { event } from './define.js'
import { f } from './fields.js'

const SESSION = 'Customer_Service/Session_control'
const SUBSCRIPTION = 'Subscription_Messages/api'

/** 接入会话 */
export const kf_create_session = event('kf_create_session', {
  title: '接入会话',
  doc: SESSION,
  fields: { KfAccount: f.string },
  sample: { KfAccount: 'test1@test' },
})

/** 关闭会话 */
export const kf_close_session = event('kf_close_session', {
  title: '关闭会话',
  doc: SESSION,
  fields: { KfAccount: f.string },
  sample: { KfAccount: 'test1@test' },
})

/** 转接会话 */
export const kf_switch_session = event('kf_switch_session', {
  title: '转接会话',
  doc: SESSION,
  fields: { FromKfAccount: f.string, ToKfAccount: f.string },
  sample: { FromKfAccount: 'test1@test', ToKfAccount: 'test2@test' },
})

/** 用户操作订阅通知弹窗 */
export const subscribe_msg_popup_event = event('subscribe_msg_popup_event', {
  title: '用户操作订阅通知弹窗',
  doc: SUBSCRIPTION,
  fields: {
    SubscribeMsgPopupEvent: f.object({
      // One `List` per template in the popup; each becomes an array element.
      List: f.repeated(
        f.object({
          TemplateId: f.string,
          SubscribeStatusString: f.string, // accept | reject
          PopupScene: f.int, // 1 H5 page, 2 article
        }),
      ),
    }),
  },
  sample: {
    SubscribeMsgPopupEvent: {
      List: [
        {
          TemplateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc',
          SubscribeStatusString: 'accept',
          PopupScene: 2,
        },
        {
          TemplateId: '9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI',
          SubscribeStatusString: 'reject',
          PopupScene: 2,
        },
      ],
    },
  },
})

/** 用户管理订阅通知 */
export const subscribe_msg_change_event = event('subscribe_msg_change_event', {
  title: '用户管理订阅通知',
  doc: SUBSCRIPTION,
  fields: {
    // WeChat's own sample wraps this event's list in <SubscribeMsgPopupEvent>, most likely a
    // copy-paste slip in the doc; accept both wrappers, render the consistent name.
    SubscribeMsgChangeEvent: f
      .object({
        List: f.repeated(f.object({ TemplateId: f.string, SubscribeStatusString: f.string })),
      })
      .alias('SubscribeMsgPopupEvent'),
  },
  sample: {
    SubscribeMsgChangeEvent: {
      List: [
        {
          TemplateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc',
          SubscribeStatusString: 'reject',
        },
      ],
    },
  },
})

/** 发送订阅通知 */
export const subscribe_msg_sent_event = event('subscribe_msg_sent_event', {
  title: '发送订阅通知',
  doc: SUBSCRIPTION,
  fields: {
    SubscribeMsgSentEvent: f.object({
      List: f.repeated(
        f.object({
          TemplateId: f.string,
          MsgID: f.id,
          ErrorCode: f.int, // 0 delivered
          ErrorStatus: f.string,
        }),
      ),
    }),
  },
  sample: {
    SubscribeMsgSentEvent: {
      List: [
        {
          TemplateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc',
          MsgID: '1700827132819554304',
          ErrorCode: 0,
          ErrorStatus: 'success',
        },
      ],
    },
  },
})
