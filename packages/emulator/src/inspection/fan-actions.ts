/**
 * What a fan does in WeChat, as routes: follow, unfollow, scan a parametric QR code, tap a menu
 * button. Each changes the platform's state and pushes the event WeChat would push; the answer is
 * `{fan, push}` with the delivery report.
 */
import { z } from 'zod'
import { SUBSCRIBE_SCENES } from '../fans.js'
import type { Fan } from '../fans.js'
import type { FanMessage } from '../push/index.js'
import type { EmulatorState } from '../state.js'
import { openidField } from './fans.js'
import { accountOf, fanOf, parseInput, pushing } from './inputs.js'
import { InspectionError } from './route.js'
import type { InspectionContext, InspectionRoute } from './route.js'

const FOLLOWER = { test: (fan: Fan) => fan.subscribed, what: 'follower' }
const FORMER = { test: (fan: Fan) => !fan.subscribed, what: 'fan who does not follow' }

const SubscribeBody = z.strictObject({
  appid: z.string().optional(),
  openid: openidField,
  scene: z.enum(SUBSCRIBE_SCENES).optional(),
})
const UnsubscribeBody = z.strictObject({ appid: z.string().optional(), openid: openidField })
const ScanBody = z.strictObject({
  appid: z.string().optional(),
  openid: openidField,
  ticket: z.string().min(1).optional(),
  scene: z.union([z.string().min(1).max(64), z.number().int().positive()]).optional(),
})
const ClickBody = z.strictObject({
  appid: z.string().optional(),
  openid: openidField,
  key: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  scanResult: z.string().optional(),
  scanType: z.string().min(1).optional(),
})

/** Pushes `message` from `fan` and answers `{fan, push}`. */
async function act(ctx: InspectionContext, appid: string, fan: Fan, message: FanMessage) {
  const push = await pushing(() => ctx.emulator.push.push({ appid, openid: fan.openid, message }))
  return { fan, push }
}

/** The fan action routes. */
export const fanActionRoutes: readonly InspectionRoute[] = [
  {
    method: 'POST',
    path: '/__emulator/fans/subscribe',
    run: async (request, ctx) => {
      const body = parseInput(SubscribeBody, request.body)
      const { appid } = accountOf(ctx.emulator.state, body.appid)
      const fan = fanOf(ctx.emulator.state, appid, body.openid, FORMER)
      if (fan.subscribed) throw new InspectionError(`${fan.openid} already follows ${appid}`, 409)
      const push = await pushing(() =>
        ctx.emulator.push.push({
          appid,
          openid: fan.openid,
          message: { kind: 'event.subscribe' },
          scene: body.scene,
        }),
      )
      return { fan, push }
    },
  },
  {
    method: 'POST',
    path: '/__emulator/fans/unsubscribe',
    run: async (request, ctx) => {
      const body = parseInput(UnsubscribeBody, request.body)
      const { appid } = accountOf(ctx.emulator.state, body.appid)
      const fan = fanOf(ctx.emulator.state, appid, body.openid, FOLLOWER)
      if (!fan.subscribed) throw new InspectionError(`${fan.openid} does not follow ${appid}`, 409)
      return act(ctx, appid, fan, { kind: 'event.unsubscribe' })
    },
  },
  {
    method: 'POST',
    path: '/__emulator/fans/scan',
    run: async (request, ctx) => {
      const body = parseInput(ScanBody, request.body)
      const { state } = ctx.emulator
      const { appid } = accountOf(state, body.appid)
      const fan = fanOf(state, appid, body.openid, FOLLOWER)
      const { scene, ticket } = qrOf(state, appid, body.ticket, body.scene)
      // A follower's scan is SCAN with the bare scene; anyone else follows through the code (§2.4).
      const message: FanMessage = fan.subscribed
        ? { kind: 'event.SCAN', EventKey: scene, Ticket: ticket }
        : { kind: 'event.subscribe', EventKey: `qrscene_${scene}`, Ticket: ticket }
      return act(ctx, appid, fan, message)
    },
  },
  {
    method: 'POST',
    path: '/__emulator/fans/click',
    run: async (request, ctx) => {
      const body = parseInput(ClickBody, request.body)
      const { state } = ctx.emulator
      const { appid } = accountOf(state, body.appid)
      const fan = fanOf(state, appid, body.openid, FOLLOWER)
      return act(ctx, appid, fan, menuEvent(state, appid, body))
    },
  },
]

/**
 * The scene and ticket of a scan. A `ticket` is looked up in `state.qrcodes` when the emulator
 * has QR codes (404 unknown or expired); a bare `scene` stands for a code of that scene, with a
 * ticket made up for the push ([inferred]: WeChat always sends one).
 */
function qrOf(
  state: EmulatorState,
  appid: string,
  ticket: string | undefined,
  scene: string | number | undefined,
): { scene: string; ticket: string } {
  if ((ticket === undefined) === (scene === undefined))
    throw new InspectionError('pass either ticket (a QR code the account created) or scene')
  if (scene !== undefined) return { scene: String(scene), ticket: madeUpTicket(appid, scene) }
  const code = state.qrcodes.resolve(ticket ?? '')
  // A live code of another account is as unknown to this one as a made-up ticket.
  if (code === undefined || code.appid !== appid.toLowerCase())
    throw new InspectionError(`${appid} has no QR code with ticket ${ticket} (or it expired)`, 404)
  const resolved = String(code.scene)
  return { scene: resolved, ticket: ticket ?? '' }
}

/**
 * A ticket shaped like WeChat's (base64 text starting `gQ`), derived from the account and scene so
 * that no random stream moves (seeded tokens stay reproducible).
 */
function madeUpTicket(appid: string, scene: string | number): string {
  return `gQ${Buffer.from(`wxmp-emulator ${appid} qrscene ${scene}`, 'utf8').toString('base64')}`
}

interface MenuButton {
  readonly type?: string
  readonly key?: string
  readonly url?: string
  readonly sub_button?: readonly MenuButton[]
}

function findButton(
  buttons: readonly MenuButton[],
  test: (button: MenuButton) => boolean,
): MenuButton | undefined {
  for (const button of buttons) {
    if (test(button)) return button
    const inner = findButton(button.sub_button ?? [], test)
    if (inner) return inner
  }
  return undefined
}

/**
 * The event a tap pushes. With a menu, the button with that `key` (or the `view` button with that
 * `url`) must exist and its type picks the event; without one, `key` is a CLICK and `url` a VIEW
 * ([inferred]: lets a test push menu events before creating a menu).
 */
function menuEvent(
  state: EmulatorState,
  appid: string,
  body: { key?: string; url?: string; scanResult?: string; scanType?: string },
): FanMessage {
  if ((body.key === undefined) === (body.url === undefined))
    throw new InspectionError('pass either key (a click-type button) or url (a view button)')
  const menu = state.menus.get(appid) as readonly MenuButton[] | undefined
  if (body.url !== undefined) {
    if (menu && !findButton(menu, (b) => b.type === 'view' && b.url === body.url))
      throw new InspectionError(`the menu has no view button with url ${body.url}`, 404)
    return { kind: 'event.VIEW', EventKey: body.url }
  }
  const key = body.key ?? ''
  const type = menu ? findButton(menu, (b) => b.key === key)?.type : 'click'
  if (type === undefined) throw new InspectionError(`the menu has no button with key ${key}`, 404)
  if (type === 'click') return { kind: 'event.CLICK', EventKey: key }
  if (type === 'scancode_push' || type === 'scancode_waitmsg') {
    if (body.scanResult === undefined)
      throw new InspectionError(`a ${type} button needs scanResult (what the fan scanned)`)
    return {
      kind: `event.${type}`,
      EventKey: key,
      ScanCodeInfo: { ScanType: body.scanType ?? 'qrcode', ScanResult: body.scanResult },
    }
  }
  throw new InspectionError(
    `a ${type} button pushes event ${type} with more fields: use POST /__emulator/push`,
  )
}
