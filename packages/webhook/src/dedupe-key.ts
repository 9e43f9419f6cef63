import type { InboundMessage } from '@wxmp/spec/messages'
import { fieldOf } from './message-fields.js'

/**
 * The identity of a push for de-duplication, as WeChat's guide prescribes: `MsgId` for messages,
 * `MsgID` for the job-finished events, and FromUserName + CreateTime + Event + EventKey for other
 * events (they carry no id). PUBLISHJOBFINISH has neither id; its `publish_id` identifies the job
 * (our decision: one publish job finishes once, so the id is a sound key). Unknown and invalid
 * messages are keyed the same way from their raw fields.
 */
export function dedupeKey(message: InboundMessage): string {
  const msgId = fieldOf(message, 'MsgId')
  if (msgId !== undefined && msgId !== '') return 'msg:' + msgId
  const jobId = fieldOf(message, 'MsgID')
  if (jobId !== undefined && jobId !== '') return 'job:' + jobId
  const m = message as unknown as Record<string, unknown>
  const publish = (m.PublishEventInfo ??
    (m.raw as Record<string, unknown> | undefined)?.PublishEventInfo) as
    Record<string, unknown> | undefined
  if (publish !== undefined && publish !== null && typeof publish === 'object') {
    const id = publish.publish_id
    if (typeof id === 'string' && id !== '') return 'publish:' + id
  }
  const from = fieldOf(message, 'FromUserName') ?? ''
  const time = fieldOf(message, 'CreateTime') ?? ''
  const event = fieldOf(message, 'Event') ?? fieldOf(message, 'MsgType') ?? ''
  const key = fieldOf(message, 'EventKey') ?? ''
  return `evt:${from}:${time}:${event}:${key}`
}
