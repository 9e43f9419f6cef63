import type { InboundMessage } from '@wxmp/spec'

/**
 * The identity of a push for de-duplication, as WeChat's guide prescribes: `MsgId` for messages,
 * `MsgID` for the job-finished events, and FromUserName + CreateTime + Event + EventKey for other
 * events (they carry no id). PUBLISHJOBFINISH has neither id; its `publish_id` identifies the job
 * (our decision: one publish job finishes once, so the id is a sound key).
 */
export function dedupeKey(message: InboundMessage): string {
  const m = message as unknown as Record<string, unknown>
  const msgId = m.MsgId
  if (typeof msgId === 'string' && msgId !== '') return 'msg:' + msgId
  const jobId = m.MsgID
  if (typeof jobId === 'string' && jobId !== '') return 'job:' + jobId
  const publish = m.PublishEventInfo as Record<string, unknown> | undefined
  if (publish !== undefined && typeof publish === 'object' && typeof publish.publish_id === 'string') {
    return 'publish:' + publish.publish_id
  }
  const key = typeof m.EventKey === 'string' ? m.EventKey : ''
  return `evt:${String(m.FromUserName)}:${String(m.CreateTime)}:${String(m.Event ?? m.MsgType)}:${key}`
}
