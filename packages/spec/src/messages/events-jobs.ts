/**
 * Job-finished events (protocol reference §2.4): template sends, mass sends and article
 * publishing report their results asynchronously. The first two carry `MsgID` (capital D).
 */
import { event } from './define.js'
import { f } from './fields.js'

/** 模板消息发送任务完成事件推送 */
export const TEMPLATESENDJOBFINISH = event('TEMPLATESENDJOBFINISH', {
  title: '模板消息发送任务完成事件推送',
  doc: 'Message_Management/Template_Message_Interface',
  // Status: `success`, `failed:user block`, `failed: system failed` (sic, with the space).
  fields: { MsgID: f.id, Status: f.string },
  sample: { MsgID: '3147483952134086656', Status: 'success' },
})

const resultCount = { Count: f.int }

/** 事件推送群发结果 */
export const MASSSENDJOBFINISH = event('MASSSENDJOBFINISH', {
  title: '事件推送群发结果',
  doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
  fields: {
    MsgID: f.id,
    // `send success`, `send fail`, or `err(<code>)` such as `err(30003)`.
    Status: f.string,
    TotalCount: f.int,
    FilterCount: f.int,
    SentCount: f.int,
    ErrorCount: f.int,
    // Both blocks came with the originality check; older pushes lack them, so optional.
    CopyrightCheckResult: f
      .object({
        ...resultCount,
        ResultList: f.list(
          'item',
          f.object({
            ArticleIdx: f.int,
            UserDeclareState: f.int,
            AuditState: f.int,
            OriginalArticleUrl: f.string,
            OriginalArticleType: f.int,
            CanReprint: f.int,
            NeedReplaceContent: f.int,
            NeedShowReprintSource: f.int,
          }),
        ),
        CheckState: f.int,
      })
      .optional(),
    ArticleUrlResult: f
      .object({
        ...resultCount,
        ResultList: f.list('item', f.object({ ArticleIdx: f.int, ArticleUrl: f.string })),
      })
      .optional(),
  },
  sample: {
    MsgID: '1000001625',
    Status: 'send success',
    TotalCount: 100,
    FilterCount: 80,
    SentCount: 75,
    ErrorCount: 5,
    CopyrightCheckResult: {
      Count: 1,
      ResultList: [
        {
          ArticleIdx: 1,
          UserDeclareState: 0,
          AuditState: 2,
          OriginalArticleUrl: 'https://mp.weixin.qq.com/s/original',
          OriginalArticleType: 1,
          CanReprint: 1,
          NeedReplaceContent: 1,
          NeedShowReprintSource: 1,
        },
      ],
      CheckState: 2,
    },
    ArticleUrlResult: {
      Count: 1,
      ResultList: [{ ArticleIdx: 1, ArticleUrl: 'https://mp.weixin.qq.com/s/sent' }],
    },
  },
})

/** 发布结果事件推送 (freepublish/submit). */
export const PUBLISHJOBFINISH = event('PUBLISHJOBFINISH', {
  title: '发布结果事件推送',
  doc: 'Publish/Callback_on_finish',
  // One doc sample showed FREEPUBLISHJOBFINISH; real pushes say PUBLISHJOBFINISH (reference §2.4).
  aliases: ['FREEPUBLISHJOBFINISH'],
  fields: {
    PublishEventInfo: f.object({
      publish_id: f.id,
      // 0 success, 1 publishing, 2 originality failure, 3 failure, 4 audit rejected, 5/6 deleted.
      publish_status: f.int,
      // Only a successful publish has an article.
      article_id: f.string.optional(),
      article_detail: f
        .object({ count: f.int, item: f.repeated(f.object({ idx: f.int, article_url: f.string })) })
        .optional(),
      // 1-based indexes of the failed articles, for statuses 2 and 4.
      fail_idx: f.repeated(f.int),
    }),
  },
  sample: {
    PublishEventInfo: {
      publish_id: '2247503051',
      publish_status: 0,
      article_id: 'b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy',
      article_detail: {
        count: 2,
        item: [
          { idx: 1, article_url: 'https://mp.weixin.qq.com/s/first' },
          { idx: 2, article_url: 'https://mp.weixin.qq.com/s/second' },
        ],
      },
      fail_idx: [],
    },
  },
})
