/**
 * The data behind template messages (§6.6): WeChat's industry codes (`api_set_industry`) and a
 * small stand-in for the public template library (`api_add_template`'s `template_id_short`).
 * The real library has thousands of entries chosen per industry; the emulator keeps a handful of
 * realistic ones so tests can add templates by a known short id.
 */

/** An industry as `get_industry` answers it. */
export interface Industry {
  readonly first_class: string
  readonly second_class: string
}

/**
 * WeChat's industry codes, `industry_id1`/`industry_id2` → class names (the 41 codes of the
 * template-message guide's 行业代码 table).
 */
export const INDUSTRIES: ReadonlyMap<string, Industry> = new Map(
  (
    [
      ['IT科技', '互联网|电子商务'],
      ['IT科技', 'IT软件与服务'],
      ['IT科技', 'IT硬件与设备'],
      ['IT科技', '电子技术'],
      ['IT科技', '通信与运营商'],
      ['IT科技', '网络游戏'],
      ['金融业', '银行'],
      ['金融业', '基金|理财|信托'],
      ['金融业', '保险'],
      ['餐饮', '餐饮'],
      ['酒店旅游', '酒店'],
      ['酒店旅游', '旅游'],
      ['运输与仓储', '快递'],
      ['运输与仓储', '物流'],
      ['运输与仓储', '仓储'],
      ['教育', '培训'],
      ['教育', '院校'],
      ['政府与公共事业', '学术科研'],
      ['政府与公共事业', '交警'],
      ['政府与公共事业', '博物馆'],
      ['政府与公共事业', '公共事业|非盈利机构'],
      ['医药护理', '医药医疗'],
      ['医药护理', '护理美容'],
      ['医药护理', '保健与卫生'],
      ['交通工具', '汽车相关'],
      ['交通工具', '摩托车相关'],
      ['交通工具', '火车相关'],
      ['交通工具', '飞机相关'],
      ['房地产', '建筑'],
      ['房地产', '物业'],
      ['消费品', '消费品'],
      ['商业服务', '法律'],
      ['商业服务', '会展'],
      ['商业服务', '中介服务'],
      ['商业服务', '认证'],
      ['商业服务', '审计'],
      ['文体娱乐', '传媒'],
      ['文体娱乐', '体育'],
      ['文体娱乐', '娱乐休闲'],
      ['印刷', '印刷'],
      ['其它', '其它'],
    ] as const
  ).map(([first_class, second_class], index) => [String(index + 1), { first_class, second_class }]),
)

/** The industries a fresh account has set ([inferred]: 互联网|电子商务 and IT软件与服务). */
export const DEFAULT_INDUSTRY_IDS = ['1', '2'] as const

/** One keyword of a library template: its label and its `{{key.DATA}}` placeholder key. */
export interface TemplateKeyword {
  readonly name: string
  readonly key: string
  /** A sample value, for the template's `example`. */
  readonly sample: string
}

/** A template of the public library. */
export interface LibraryTemplate {
  /** `template_id_short`, the id `api_add_template` takes. */
  readonly shortId: string
  readonly title: string
  readonly primaryIndustry: string
  readonly deputyIndustry: string
  readonly keywords: readonly TemplateKeyword[]
}

/**
 * The emulated library. Keys follow the 2023 keyword types (`thing`, `character_string`,
 * `amount`, `time`, `phrase`, `phone_number`), whose value rules `template/send` applies; the
 * short ids are made up in WeChat's `OPENTM…` style, except `TM00015`, the docs' own example.
 */
export const TEMPLATE_LIBRARY: readonly LibraryTemplate[] = [
  {
    shortId: 'TM00015',
    title: '订单支付成功通知',
    primaryIndustry: 'IT科技',
    deputyIndustry: '互联网|电子商务',
    keywords: [
      { name: '订单编号', key: 'character_string1', sample: 'DD20260101000123' },
      { name: '商品名称', key: 'thing2', sample: '巧克力礼盒' },
      { name: '支付金额', key: 'amount3', sample: '39.80元' },
      { name: '支付时间', key: 'time4', sample: '2026年1月1日 12:30' },
    ],
  },
  {
    shortId: 'OPENTM207791277',
    title: '订单发货提醒',
    primaryIndustry: 'IT科技',
    deputyIndustry: '互联网|电子商务',
    keywords: [
      { name: '订单编号', key: 'character_string1', sample: 'DD20260101000123' },
      { name: '快递公司', key: 'thing2', sample: '顺丰速运' },
      { name: '快递单号', key: 'character_string3', sample: 'SF1234567890' },
      { name: '发货时间', key: 'time4', sample: '2026年1月2日 09:00' },
    ],
  },
  {
    shortId: 'OPENTM411999701',
    title: '退款成功通知',
    primaryIndustry: 'IT科技',
    deputyIndustry: '互联网|电子商务',
    keywords: [
      { name: '订单编号', key: 'character_string1', sample: 'DD20260101000123' },
      { name: '退款金额', key: 'amount2', sample: '39.80元' },
      { name: '退款状态', key: 'phrase3', sample: '已退款' },
    ],
  },
  {
    shortId: 'OPENTM400231951',
    title: '预约成功通知',
    primaryIndustry: 'IT科技',
    deputyIndustry: 'IT软件与服务',
    keywords: [
      { name: '预约项目', key: 'thing1', sample: '年度体检' },
      { name: '预约时间', key: 'time2', sample: '2026年1月8日 10:00' },
      { name: '联系电话', key: 'phone_number3', sample: '020-81234567' },
    ],
  },
]

/** The library templates each account starts with ([inferred]: the first two, as "demo" picks). */
export const DEMO_TEMPLATE_SHORT_IDS = ['TM00015', 'OPENTM207791277'] as const

/** A library template by short id, or `undefined`. */
export function libraryTemplate(shortId: string): LibraryTemplate | undefined {
  return TEMPLATE_LIBRARY.find((entry) => entry.shortId === shortId)
}

/** A template's `content`: one `label:{{key.DATA}}` line per keyword, as WeChat lays them out. */
export function contentOf(keywords: readonly TemplateKeyword[]): string {
  return keywords.map((keyword) => `${keyword.name}:{{${keyword.key}.DATA}}`).join('\n')
}

/** A template's `example`: the same lines with sample values. */
export function exampleOf(keywords: readonly TemplateKeyword[]): string {
  return keywords.map((keyword) => `${keyword.name}:${keyword.sample}`).join('\n')
}

/** The placeholder keys of a template content, in order (`{{thing2.DATA}}` → `thing2`). */
export function placeholderKeys(content: string): string[] {
  return [...content.matchAll(/\{\{(\w+)\.DATA\}\}/g)].map((match) => match[1] ?? '')
}
