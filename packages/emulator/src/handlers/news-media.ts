/**
 * What an `mpnews` send may name (§6.5, §6.8): a `media/uploadnews` item, a draft (the current
 * pipeline, §6.4) or legacy news material (`add_news`). The lookup lives here, and only here.
 */
import type { NewsArticle } from '../mass-store.js'
import type { EmulatorState } from '../state.js'

/** The articles behind a news media_id of `appid`, or `undefined` when it names none. */
export function newsArticles(
  state: EmulatorState,
  appid: string,
  mediaId: string,
): readonly NewsArticle[] | undefined {
  return (
    state.mass.news(appid, mediaId)?.articles ??
    state.drafts.get(appid, mediaId)?.articles ??
    state.newsMaterial.get(appid, mediaId)?.articles
  )
}

/** Whether `mediaId` is news `appid` can send as `mpnews`. */
export function isNewsMediaId(state: EmulatorState, appid: string, mediaId: string): boolean {
  return newsArticles(state, appid, mediaId) !== undefined
}

/** §6.4: "a draft leaves the draft box once mass-sent or published"; other news stays. */
export function releaseSentDraft(state: EmulatorState, appid: string, mediaId: string): void {
  state.drafts.remove(appid, mediaId)
}
