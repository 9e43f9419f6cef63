/**
 * Event pushes (§2.4 of the protocol reference) for the fuzz corpus, including the nested ones:
 * `ScanCodeInfo`, `SendPicsInfo` with its `PicList` of `item`s (sometimes an empty list), the
 * MASSSENDJOBFINISH and PUBLISHJOBFINISH reports, repeated `List` and `fail_idx` elements.
 */
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

function massSendFinish(rng: Rng): FuzzNode[] {
  const results = times(rng.int(3), (i) =>
    parent('item', [
      num('ArticleIdx', String(i + 1)),
      num('AuditState', '2'),
      str('OriginalArticleUrl', userText(rng)),
      num('CanReprint', '1'),
    ]),
  )
  const urls = times(rng.int(3), (i) =>
    parent('item', [num('ArticleIdx', String(i + 1)), str('ArticleUrl', userText(rng))]),
  )
  return [
    str('Event', 'MASSSENDJOBFINISH'),
    num('MsgID', rng.chars(DIGITS, 10)),
    str('Status', rng.pick(['send success', 'err(30003)'])),
    num('TotalCount', '100'),
    num('FilterCount', '80'),
    num('SentCount', '75'),
    num('ErrorCount', '5'),
    parent('CopyrightCheckResult', [
      num('Count', String(results.length)),
      parent('ResultList', results),
      num('CheckState', '2'),
    ]),
    parent('ArticleUrlResult', [num('Count', String(urls.length)), parent('ResultList', urls)]),
  ]
}

function publishFinish(rng: Rng): FuzzNode[] {
  const items = times(rng.range(1, 3), (i) =>
    parent('item', [num('idx', String(i + 1)), str('article_url', userText(rng))]),
  )
  const info = [
    num('publish_id', rng.chars(DIGITS, 10)),
    num('publish_status', String(rng.int(7))),
    str('article_id', rng.chars(ID_CHARS, 30)),
    parent('article_detail', [num('count', String(items.length)), ...items]),
    ...times(rng.int(3), (i) => num('fail_idx', String(i + 1))),
  ]
  return [str('Event', 'PUBLISHJOBFINISH'), parent('PublishEventInfo', info)]
}

function pictures(rng: Rng, key: FuzzNode): FuzzNode[] {
  const n = rng.int(4)
  const items = times(n, () => parent('item', [str('PicMd5Sum', rng.chars(HEX, 32))]))
  const list: FuzzNode =
    n === 0 && rng.chance(0.5) ? { tag: 'PicList', kind: 'empty' } : parent('PicList', items)
  return [
    str('Event', 'pic_sysphoto'),
    key,
    parent('SendPicsInfo', [num('Count', String(n)), list]),
  ]
}

function locationSelect(rng: Rng, key: FuzzNode): FuzzNode[] {
  const info = [
    num('Location_X', decimal(rng)),
    num('Location_Y', decimal(rng)),
    num('Scale', '15'),
    str('Label', userText(rng)),
    str('Poiname', ''),
  ]
  return [str('Event', 'location_select'), key, parent('SendLocationInfo', info)]
}

function subscribePopup(rng: Rng): FuzzNode[] {
  const list = times(rng.range(1, 3), () =>
    parent('List', [
      str('TemplateId', rng.chars(ID_CHARS, 43)),
      str('SubscribeStatusString', 'accept'),
      num('PopupScene', '2'),
    ]),
  )
  return [str('Event', 'subscribe_msg_popup_event'), parent('SubscribeMsgPopupEvent', list)]
}

/** A random event push: header, `Event`, and the event's own elements. */
export function eventPush(rng: Rng): FuzzNode[] {
  const key = str('EventKey', rng.chance(0.5) ? `qrscene_${rng.chars(DIGITS, 6)}` : userText(rng))
  const at = decimal(rng)
  const events: readonly (() => FuzzNode[])[] = [
    () => [str('Event', 'subscribe'), key, str('Ticket', rng.chars(B64, 30))],
    () => [
      str('Event', 'LOCATION'),
      num('Latitude', at),
      num('Longitude', at),
      num('Precision', at),
    ],
    () => [str('Event', 'VIEW'), key, num('MenuId', rng.chars(DIGITS, 9))],
    () => [
      str('Event', 'scancode_push'),
      key,
      parent('ScanCodeInfo', [str('ScanType', 'qrcode'), str('ScanResult', userText(rng))]),
    ],
    () => pictures(rng, key),
    () => locationSelect(rng, key),
    () => massSendFinish(rng),
    () => publishFinish(rng),
    () => subscribePopup(rng),
  ]
  return [...header(rng, 'event'), ...rng.pick(events)()]
}
