/**
 * A small stand-in for WeChat's public library of subscription-notice templates (订阅通知,
 * `wxaapi/newtmpl/*`): a few categories, titles and keywords, enough to pick templates by a
 * known `tid` and `kid`s in tests. The real library has thousands per category; the ids here are
 * made up [inferred].
 */

/** A category as `getcategory` answers it. */
export interface SubscribeCategory {
  readonly id: number
  readonly name: string
}

/** One keyword of a library template. `rule` is its value type, the key prefix (`thing1`). */
export interface SubscribeKeyword {
  readonly kid: number
  readonly name: string
  readonly example: string
  readonly rule: string
}

/** A library template. `type` 2 = one-time (一次性), 3 = long-term (长期). */
export interface SubscribeLibraryTemplate {
  readonly tid: number
  readonly title: string
  readonly type: 2 | 3
  readonly categoryId: number
  readonly keywords: readonly SubscribeKeyword[]
}

/** The categories every account may pick from [inferred: the account's own would depend on its registration]. */
export const SUBSCRIBE_CATEGORIES: readonly SubscribeCategory[] = [
  { id: 307, name: '服装/鞋/箱包' },
  { id: 616, name: '公交' },
  { id: 1024, name: '教育信息服务' },
]

/** The library. */
export const SUBSCRIBE_LIBRARY: readonly SubscribeLibraryTemplate[] = [
  {
    tid: 99,
    title: '订单发货通知',
    type: 2,
    categoryId: 307,
    keywords: [
      { kid: 1, name: '商品名称', example: '羊毛围巾', rule: 'thing' },
      { kid: 2, name: '快递公司', example: '顺丰速运', rule: 'thing' },
      { kid: 3, name: '快递单号', example: 'SF1234567890', rule: 'character_string' },
      { kid: 4, name: '发货时间', example: '2026年1月2日 09:00', rule: 'time' },
      { kid: 5, name: '订单金额', example: '199.00元', rule: 'amount' },
    ],
  },
  {
    tid: 100,
    title: '退款成功通知',
    type: 2,
    categoryId: 307,
    keywords: [
      { kid: 1, name: '退款金额', example: '39.80元', rule: 'amount' },
      { kid: 2, name: '退款原因', example: '尺码不合适', rule: 'thing' },
      { kid: 3, name: '退款时间', example: '2026年1月3日 10:00', rule: 'time' },
    ],
  },
  {
    tid: 1589,
    title: '车辆到站提醒',
    type: 3,
    categoryId: 616,
    keywords: [
      { kid: 1, name: '线路', example: '10路', rule: 'thing' },
      { kid: 2, name: '站点', example: '体育中心站', rule: 'thing' },
      { kid: 3, name: '到站时间', example: '2026年1月2日 08:15', rule: 'time' },
      { kid: 4, name: '车牌号', example: '粤A12345', rule: 'car_number' },
    ],
  },
  {
    tid: 2021,
    title: '课程开课提醒',
    type: 2,
    categoryId: 1024,
    keywords: [
      { kid: 1, name: '课程名称', example: '少儿编程入门', rule: 'thing' },
      { kid: 2, name: '开课时间', example: '2026年1月8日 19:00', rule: 'time' },
      { kid: 3, name: '上课地点', example: '天河校区201教室', rule: 'thing' },
      { kid: 4, name: '联系电话', example: '020-81234567', rule: 'phone_number' },
    ],
  },
]

/** A library template by `tid`, or `undefined`. */
export function subscribeLibraryTemplate(tid: number): SubscribeLibraryTemplate | undefined {
  return SUBSCRIBE_LIBRARY.find((entry) => entry.tid === tid)
}

/** A keyword's placeholder key: its rule and kid (`thing1`), as the template's content names it. */
export function keywordKey(keyword: SubscribeKeyword): string {
  return `${keyword.rule}${keyword.kid}`
}
