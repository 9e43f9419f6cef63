import { renderReply } from '@wxmp/spec/messages'
import type { PipelineDeps } from './pipeline-deps.js'
import type { Accepted } from './push-pipeline.js'
import { toReply } from './reply-render.js'
import { fieldOf } from './message-fields.js'
import { lateReplyEntry, type MessageLogEntry } from './message-log/index.js'
import type { HandlerResult } from './router.js'

/**
 * A handler finished after WeChat was already answered `success` at the deadline (`deadlineRow`
 * is the message-log row written then). Its reply (if
 * any) goes to the late-reply sink — in production the customer-service API — and to the message
 * log as a `late-reply` row; a late failure is only logged.
 */
export function settleLate(
  deps: PipelineDeps,
  a: Accepted,
  result: HandlerResult,
  err: unknown,
  deadlineRow: MessageLogEntry | undefined,
): void {
  const appid = a.account.info.appid
  if (err !== undefined) {
    deps.logger.error('handler failed after the deadline', {
      appid,
      key: a.key,
      error: describeError(err),
    })
    return
  }
  let reply
  try {
    reply = toReply(result)
  } catch (e) {
    deps.logger.error('late reply unusable', {
      appid,
      key: a.key,
      error: e instanceof Error ? e.message : String(e),
    })
    return
  }
  if (reply === undefined) return
  deps.metrics.lateReplies++
  const fromUser = fieldOf(a.message, 'FromUserName') ?? ''
  const toUser = fieldOf(a.message, 'ToUserName') ?? ''
  const at = deps.clock.now()
  let xml: string
  try {
    xml = renderReply(reply, {
      toUser: fromUser,
      fromUser: toUser,
      createTime: Math.floor(at / 1000),
    })
  } catch {
    xml = JSON.stringify(reply)
  }
  if (deadlineRow !== undefined) deps.messageLog?.append(lateReplyEntry(deadlineRow, xml, at))
  deps.lateReplies
    .deliver({ account: a.account.info, message: a.message, key: a.key, reply, at })
    .then(
      (outcome) => {
        if (outcome.delivered) deps.logger.info('late reply delivered', { appid, key: a.key })
        else
          deps.logger.warn('late reply not delivered', {
            appid,
            key: a.key,
            reason: outcome.reason,
          })
      },
      (e: unknown) =>
        deps.logger.error('late-reply sink failed', {
          appid,
          key: a.key,
          error: e instanceof Error ? e.message : String(e),
        }),
    )
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err)
}
