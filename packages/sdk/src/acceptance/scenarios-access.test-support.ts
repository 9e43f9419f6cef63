/**
 * SDK scenarios for QR codes, short keys, OAuth web authorization, JS-SDK tickets and datacube
 * analytics.
 */
import { WxTransportError } from '@wxmp/core'
import { expect } from 'vitest'
import type { ScopeMethods } from '../client-types.js'
import type { ErrcodeCases, Scenario, Scenarios } from './scenario.test-support.js'
import { REDIRECT_URI } from './world.test-support.js'
import type { World } from './world.test-support.js'

/** The world's clock starts at 2026-01-01 08:00 in Beijing: yesterday is the latest day with data. */
const YESTERDAY = '2025-12-31'
const TODAY = '2026-01-01'

/**
 * The follower consents to snsapi_userinfo in their browser; returns the code of the redirect.
 * A server never opens this page (the SDK refuses it), so the browser's part is a plain fetch,
 * naming the fan with the emulator's `wxmp_openid` as a tester picks one on the consent page.
 */
async function consentCode(w: World): Promise<string> {
  const url = new URL('https://open.weixin.qq.com/connect/oauth2/authorize')
  url.search = new URLSearchParams({
    appid: w.appid,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'snsapi_userinfo',
    state: 'xyz',
    wxmp_openid: w.follower(),
  }).toString()
  const answer = await w.emulator.fetch(new Request(url, { redirect: 'manual' }))
  const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code')
  if (code === null) throw new Error('the consent redirect carried no code')
  return code
}

/** The follower's web token, from a fresh consent. */
async function webToken(w: World) {
  return w.client.oauth.accessToken({ code: await consentCode(w) })
}

/** A one-day query for yesterday; no row it answers is for a later day. */
function datacube(name: keyof ScopeMethods<'datacube'>): Scenario {
  return async (w) => {
    const { list } = await w.client.datacube[name]({ begin_date: YESTERDAY, end_date: YESTERDAY })
    expect(Array.isArray(list)).toBe(true)
    // Weekly and monthly rows are dated by the first day of their week or month.
    for (const row of list) {
      expect(row.ref_date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(row.ref_date <= YESTERDAY, row.ref_date).toBe(true)
    }
  }
}

/** The scenarios of QR codes, short keys, OAuth, tickets and analytics. */
export const accessScenarios = {
  'qrcode.create': async (w) => {
    const qr = await w.client.qrcode.create({
      action_name: 'QR_SCENE',
      expire_seconds: 600,
      action_info: { scene: { scene_id: 7 } },
    })
    expect(qr.expire_seconds).toBe(600)
    expect(qr.url).toMatch(/^https?:\/\//)
    const permanent = await w.client.qrcode.create({
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: 'shop' } },
    })
    expect(permanent.expire_seconds).toBeUndefined()
  },
  'qrcode.show': async (w) => {
    const { ticket } = await w.client.qrcode.create({
      action_name: 'QR_LIMIT_SCENE',
      action_info: { scene: { scene_id: 42 } },
    })
    const image = await w.client.qrcode.show({ ticket })
    expect(image.contentType).toMatch(/^image\/jpe?g$/)
    // A JPEG: it starts with the SOI marker.
    expect([...image.data.subarray(0, 2)]).toEqual([0xff, 0xd8])
  },
  'shortLink.generate': async (w) => {
    const { short_key } = await w.client.shortLink.generate({
      long_data: 'order=42&from=qr',
      expire_seconds: 60,
    })
    expect(short_key.length).toBeGreaterThan(0)
  },
  'shortLink.fetch': async (w) => {
    const { short_key } = await w.client.shortLink.generate({
      long_data: 'order=42',
      expire_seconds: 600,
    })
    await w.clock.advanceAsync(100_000)
    const link = await w.client.shortLink.fetch({ short_key })
    expect(link).toMatchObject({ long_data: 'order=42', expire_seconds: 500 })
  },
  'oauth.authorize': async (w) => {
    // snsapi_base is silent: the emulator redirects at once (for the first follower).
    const consent = await w.client.oauth.authorize({
      redirect_uri: REDIRECT_URI,
      scope: 'snsapi_base',
      state: 's1',
    })
    expect(consent.state).toBe('s1')
    expect(consent.code?.length).toBeGreaterThan(0)
    // snsapi_userinfo shows a consent page, meant for the user's browser: refused, not retried.
    const page = w.client.oauth.authorize({ redirect_uri: REDIRECT_URI, scope: 'snsapi_userinfo' })
    await expect(page).rejects.toBeInstanceOf(WxTransportError)
    await expect(page).rejects.toMatchObject({ endpoint: 'oauth.authorize' })
  },
  'oauth.accessToken': async (w) => {
    const token = await webToken(w)
    expect(token).toMatchObject({
      openid: w.follower(),
      scope: 'snsapi_userinfo',
      expires_in: 7200,
    })
  },
  'oauth.refreshToken': async (w) => {
    const first = await webToken(w)
    const refreshed = await w.client.oauth.refreshToken({ refresh_token: first.refresh_token })
    expect(refreshed).toMatchObject({ openid: first.openid, refresh_token: first.refresh_token })
  },
  'oauth.userInfo': async (w) => {
    const { access_token, openid } = await webToken(w)
    const user = await w.client.oauth.userInfo({ access_token, openid, lang: 'zh_CN' })
    expect(user.openid).toBe(openid)
    expect(user.nickname?.length).toBeGreaterThan(0)
  },
  'oauth.auth': async (w) => {
    const { access_token, openid } = await webToken(w)
    expect(await w.client.oauth.auth({ access_token, openid })).toMatchObject({ errcode: 0 })
  },
  'ticket.get': async (w) => {
    const ticket = await w.client.ticket.get({ type: 'jsapi' })
    expect(ticket.expires_in).toBe(7200)
    // Cached by WeChat: asking again within its life answers the same ticket.
    expect((await w.client.ticket.get({ type: 'jsapi' })).ticket).toBe(ticket.ticket)
  },
  'datacube.getUserSummary': datacube('getUserSummary'),
  'datacube.getUserCumulate': datacube('getUserCumulate'),
  'datacube.getArticleSummary': datacube('getArticleSummary'),
  'datacube.getArticleTotal': datacube('getArticleTotal'),
  'datacube.getUserRead': datacube('getUserRead'),
  'datacube.getUserReadHour': datacube('getUserReadHour'),
  'datacube.getUserShare': datacube('getUserShare'),
  'datacube.getUserShareHour': datacube('getUserShareHour'),
  'datacube.getUpstreamMsg': datacube('getUpstreamMsg'),
  'datacube.getUpstreamMsgHour': datacube('getUpstreamMsgHour'),
  'datacube.getUpstreamMsgWeek': datacube('getUpstreamMsgWeek'),
  'datacube.getUpstreamMsgMonth': datacube('getUpstreamMsgMonth'),
  'datacube.getUpstreamMsgDist': datacube('getUpstreamMsgDist'),
  'datacube.getUpstreamMsgDistWeek': datacube('getUpstreamMsgDistWeek'),
  'datacube.getUpstreamMsgDistMonth': datacube('getUpstreamMsgDistMonth'),
  'datacube.getInterfaceSummary': datacube('getInterfaceSummary'),
  'datacube.getInterfaceSummaryHour': datacube('getInterfaceSummaryHour'),
} satisfies Scenarios

/** Errcode cases of QR codes, short keys, OAuth, tickets and analytics. */
export const accessErrcodes = {
  qrcode: [
    {
      endpoint: 'qrcode.create',
      key: 'INVALID_ACTION_INFO',
      kind: 'invalid',
      why: 'a temporary code with scene_id 0',
      call: (w) =>
        w.client.qrcode.create({
          action_name: 'QR_SCENE',
          action_info: { scene: { scene_id: 0 } },
        }),
    },
  ],
  shortLink: [
    {
      endpoint: 'shortLink.fetch',
      key: 'INVALID_PARAMETER',
      kind: 'invalid',
      why: 'a key past its expire_seconds',
      call: async (w) => {
        const { short_key } = await w.client.shortLink.generate({
          long_data: 'order=42',
          expire_seconds: 60,
        })
        await w.clock.advanceAsync(61_000)
        return w.client.shortLink.fetch({ short_key })
      },
    },
  ],
  oauth: [
    {
      endpoint: 'oauth.accessToken',
      key: 'OAUTH_CODE_USED',
      kind: 'invalid',
      why: 'a code exchanged twice',
      call: async (w) => {
        const code = await consentCode(w)
        await w.client.oauth.accessToken({ code })
        return w.client.oauth.accessToken({ code })
      },
    },
    {
      endpoint: 'oauth.refreshToken',
      key: 'INVALID_REFRESH_TOKEN',
      kind: 'invalid',
      why: 'a forged refresh_token',
      call: (w) => w.client.oauth.refreshToken({ refresh_token: 'forged' }),
    },
    {
      endpoint: 'oauth.userInfo',
      key: 'INVALID_OPENID',
      kind: 'invalid',
      why: 'another fan’s OpenID with this web token',
      call: async (w) => {
        const { access_token } = await webToken(w)
        return w.client.oauth.userInfo({ access_token, openid: w.formerFollower() })
      },
    },
  ],
  ticket: [
    {
      endpoint: 'ticket.get',
      key: 'ACCESS_TOKEN_EXPIRED',
      kind: 'token',
      why: 'an access_token older than 7200 s, from a source that cannot renew it',
      call: async (w) => {
        const { access_token } = await w.client.token.get()
        await w.clock.advanceAsync(7201_000)
        return w.clientWithToken(access_token).ticket.get({ type: 'jsapi' })
      },
    },
  ],
  datacube: [
    {
      endpoint: 'datacube.getUserSummary',
      key: 'DATE_RANGE_ERROR',
      kind: 'invalid',
      why: 'a range that ends today',
      call: (w) => w.client.datacube.getUserSummary({ begin_date: YESTERDAY, end_date: TODAY }),
    },
    {
      endpoint: 'datacube.getArticleSummary',
      key: 'DATE_RANGE_ERROR',
      kind: 'invalid',
      why: 'two days where one is the most',
      call: (w) =>
        w.client.datacube.getArticleSummary({ begin_date: '2025-12-30', end_date: YESTERDAY }),
    },
  ],
} satisfies ErrcodeCases
