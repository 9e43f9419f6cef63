/**
 * What a fan's interaction changes on the platform, whatever the webhook answers: following,
 * customer-service windows (§6.8), and the passive reply (or the error notice) the fan received.
 */
import type { MessageKey, Reply } from '@wxmp/spec'
import type { SubscribeScene } from '../fans.js'
import type { EmulatorState } from '../state.js'
import type { WindowTrigger } from '../cs-windows.js'
import { isNormalMessage } from './fan-message.js'

// The windows each interaction opens (§6.8, §8): a message 48 h, a click/follow/scan 1 minute.
const WINDOW_BY_EVENT: Readonly<Partial<Record<MessageKey, WindowTrigger>>> = {
  'event.subscribe': 'subscribe',
  'event.SCAN': 'scan',
  'event.CLICK': 'click',
  'event.scancode_push': 'click',
  'event.scancode_waitmsg': 'click',
}

/**
 * Applies the interaction before the push is sent: the fan has acted on WeChat's side already, so
 * a webhook that calls the API while handling the push (a customer-service message on follow)
 * sees the fan following and the window open. An unfollow closes every window.
 */
export function applyInteraction(
  state: EmulatorState,
  appid: string,
  openid: string,
  kind: MessageKey,
  scene: SubscribeScene,
): void {
  const now = state.clock.now()
  if (kind === 'event.subscribe') state.fans.subscribe(appid, openid, scene)
  if (kind === 'event.unsubscribe') {
    state.fans.unsubscribe(appid, openid)
    state.windows.close(appid, openid)
    return
  }
  const trigger = isNormalMessage(kind) ? 'message' : WINDOW_BY_EVENT[kind]
  if (trigger !== undefined) state.windows.open(appid, openid, trigger, now)
}

// Since 2018-10-12 a news reply to a fan's message shows 1 article, to an event up to 8; the
// rest are dropped without an error (§3).
const NEWS_LIMIT_AFTER_MESSAGE = 1
const NEWS_LIMIT_AFTER_EVENT = 8

/** Records the passive reply as the fan received it (a news reply cut to its article limit). */
export function recordReply(
  state: EmulatorState,
  appid: string,
  openid: string,
  kind: MessageKey,
  reply: Reply,
): void {
  const { type, ...payload } = reply
  if (type === 'news') {
    const limit = isNormalMessage(kind) ? NEWS_LIMIT_AFTER_MESSAGE : NEWS_LIMIT_AFTER_EVENT
    const articles = (payload as { Articles: unknown[] }).Articles.slice(0, limit)
    Object.assign(payload, { ArticleCount: articles.length, Articles: articles })
  }
  state.received.record(appid, openid, {
    channel: 'reply',
    msgtype: type,
    payload,
    sentAt: state.clock.now(),
    status: 'success',
  })
}

/**
 * Records the error notice the fan saw instead of a reply (§3): msgtype `notice`, status `failed`
 * ([inferred]: the notice is WeChat's, not a message of the account, but it is what the fan got).
 */
export function recordNotice(
  state: EmulatorState,
  appid: string,
  openid: string,
  notice: string,
): void {
  state.received.record(appid, openid, {
    channel: 'reply',
    msgtype: 'notice',
    payload: { Content: notice },
    sentAt: state.clock.now(),
    status: 'failed',
  })
}
