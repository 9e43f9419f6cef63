/**
 * The paged lists of the article pipeline (`draft/batchget`, `freepublish/batchget`, news in
 * `batchget_material`): 1–20 items from `offset`, and the article lists they carry.
 */
import { ERRCODE } from '@wxmp/core'
import type { Article, NewsItem } from '../news-box.js'
import { WechatError } from '../wechat-error.js'

/** Items per page: `count` must be 1–20 (§6.4), else 40035 [inferred: no code documented]. */
export const MAX_PAGE_ITEMS = 20

/** The page of `items` a `{offset, count}` request asks for; 40035 for a count outside 1–20. */
export function pageOf<T>(items: readonly T[], offset: number, count: number): T[] {
  if (count < 1 || count > MAX_PAGE_ITEMS) throw new WechatError(ERRCODE.INVALID_PARAMETER)
  return items.slice(offset, offset + count)
}

/** Articles as answered: without their `content` when the caller asked `no_content: 1`. */
export function articlesOut<A extends Article>(articles: readonly A[], noContent = false): A[] {
  return articles.map((article) => {
    if (!noContent) return { ...article }
    const { content: _content, ...rest } = article
    return rest as A
  })
}

/** The `content` block of a listed item: its articles and times. */
export function contentOf(item: NewsItem, noContent = false) {
  return {
    news_item: articlesOut(item.articles, noContent),
    create_time: item.createTime,
    update_time: item.updateTime,
  }
}
