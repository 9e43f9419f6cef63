/**
 * The pages open.weixin.qq.com shows instead of redirecting (§6.11): an error page carrying the
 * errcode, and the emulator's consent page, where a tester picks which fan authorizes. WeChat's
 * own pages are not reproduced; these say the same things plainly.
 */
import { errcodeInfo } from '@wxmp/core'
import type { Fan } from '../fans.js'
import { HttpAnswer } from '../http-answer.js'

/** The header every error page carries, so scripts need not read the HTML ([inferred] extension). */
export const ERRCODE_HEADER = 'x-wxmp-errcode'

/** Text safe inside HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body></html>
`
}

/**
 * An authorization error page with `errcode` shown to the user (WeChat never sends these as
 * JSON); HTTP 200 like WeChat's page ([inferred]), the code also in `x-wxmp-errcode`.
 */
export function errorPage(errcode: number): HttpAnswer {
  const info = errcodeInfo(errcode)
  const text = info ? `${info.zh} (${info.en})` : 'error'
  const html = page(
    '微信授权错误',
    `<h1>授权失败</h1>\n<p class="errcode">errcode: <code>${errcode}</code></p>\n<p class="errmsg">${escapeHtml(text)}</p>`,
  )
  const answer = HttpAnswer.html(html)
  return new HttpAnswer(
    answer.status,
    { ...answer.headers, [ERRCODE_HEADER]: String(errcode) },
    answer.body,
  )
}

/** What the consent page needs: the account, its fans, and how to build each choice's link. */
export interface ConsentPage {
  readonly appid: string
  readonly scope: string
  readonly fans: readonly Fan[]
  /** The authorize URL again with extra parameters (`wxmp_openid`, `wxmp_decline`). */
  readonly link: (extra: Readonly<Record<string, string>>) => string
}

/**
 * The consent page: one link per fan (the same authorize request naming that fan) and a decline
 * link. Following a link answers the redirect, as tapping 允许 / 拒绝 would.
 */
export function consentPage({ appid, scope, fans, link }: ConsentPage): HttpAnswer {
  const items = fans
    .map((fan) => {
      const label = `${fan.openid}${fan.subscribed ? '' : ' (not following)'}`
      return `<li><a class="fan" href="${escapeHtml(link({ wxmp_openid: fan.openid }))}">${escapeHtml(label)}</a></li>`
    })
    .join('\n')
  const list = fans.length > 0 ? `<ul>\n${items}\n</ul>` : '<p>This account has no fans yet.</p>'
  return HttpAnswer.html(
    page(
      '微信授权',
      `<h1>${escapeHtml(appid)} 申请获得以下权限</h1>
<p class="scope">${escapeHtml(scope)}</p>
<p>Authorize as (wxmp emulator):</p>
${list}
<p><a class="decline" href="${escapeHtml(link({ wxmp_decline: '1' }))}">拒绝</a></p>`,
    ),
  )
}
