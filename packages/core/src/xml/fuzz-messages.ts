/**
 * WeChat-shaped message trees for the fuzz corpus: normal messages (§2.3 of the protocol
 * reference), events (`fuzz-events.ts`), passive news replies (§3) and safe-mode envelopes
 * (§4.4), now and then with a tag name that is special to JavaScript (`__proto__`, …).
 * Rendering to text (CDATA vs escaped, whitespace, comments) is `fuzz-render.ts`'s job.
 */
import { eventPush } from './fuzz-events.js'
import type { FuzzNode } from './fuzz-nodes.js'
import {
  B64,
  decimal,
  DIGITS,
  HEX,
  header,
  ID_CHARS,
  num,
  parent,
  str,
  times,
  userText,
} from './fuzz-nodes.js'
import type { Rng } from './fuzz-rng.js'

/** Tag names that are special to JavaScript objects; each must stay an ordinary key. */
// prettier-ignore
const ODD_TAGS: readonly string[] = [
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', 'a:b', '名字', 'x-y.z', '_',
]

/** A normal message (text, image, voice, video, location, link). */
function message(rng: Rng): FuzzNode[] {
  const kind = rng.pick(['text', 'image', 'voice', 'video', 'location', 'link'] as const)
  const media = (): FuzzNode => str('MediaId', rng.chars(ID_CHARS, 40))
  const fields: Record<typeof kind, () => FuzzNode[]> = {
    text: () => [str('Content', userText(rng))],
    image: () => [str('PicUrl', `http://mmbiz.qpic.cn/${rng.chars(ID_CHARS, 20)}`), media()],
    voice: () => [media(), str('Format', 'amr'), str('Recognition', userText(rng))],
    video: () => [media(), str('ThumbMediaId', rng.chars(ID_CHARS, 40))],
    location: () => [
      num('Location_X', decimal(rng)),
      num('Location_Y', decimal(rng)),
      num('Scale', '20'),
      str('Label', userText(rng)),
    ],
    link: () => [
      str('Title', userText(rng)),
      str('Description', userText(rng)),
      str('Url', 'https://example.com/?a=1&b=2'),
    ],
  }
  const msgId = num('MsgId', `${rng.range(1, 9)}${rng.chars(DIGITS, 18)}`)
  return [...header(rng, kind), ...fields[kind](), msgId]
}

/** A passive news reply or a safe-mode envelope. */
function replyOrEnvelope(rng: Rng): FuzzNode[] {
  if (rng.chance(0.5)) {
    return [
      str('ToUserName', `gh_${rng.chars(HEX, 12)}`),
      str('Encrypt', rng.chars(B64, rng.range(40, 400))),
    ]
  }
  const articles = times(rng.range(1, 8), () =>
    parent(
      'item',
      ['Title', 'Description', 'PicUrl', 'Url'].map((tag) => str(tag, userText(rng))),
    ),
  )
  const count = num('ArticleCount', String(articles.length))
  return [...header(rng, 'news'), count, parent('Articles', articles)]
}

/** Children of one random `<xml>` body; sometimes with a JavaScript-special tag mixed in. */
export function wechatBody(rng: Rng): FuzzNode[] {
  const roll = rng.float()
  const body = roll < 0.4 ? message(rng) : roll < 0.85 ? eventPush(rng) : replyOrEnvelope(rng)
  if (rng.chance(0.1)) {
    const tag = rng.pick(ODD_TAGS)
    const odd = rng.chance(0.5)
      ? str(tag, userText(rng))
      : parent(tag, [str(rng.pick(ODD_TAGS), userText(rng))])
    body.splice(rng.int(body.length + 1), 0, odd)
  }
  return body
}
