/** Acceptance scenarios for QR codes (§6.10) and OAuth2 web authorization (§6.11). */
import { ERRCODE } from '@wxmp/core'
import type { Scenarios } from './scenario.test-support.js'
import type { Answer, World } from './world.test-support.js'

const REDIRECT = 'https://app.example.com/callback'

/** A temporary QR code's ticket. */
async function ticket(w: World): Promise<string> {
  const created = await w.call('qrcode.create', {
    body: { expire_seconds: 600, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 7 } } },
  })
  return String(created.json?.ticket)
}

/** The follower authorizes with `scope`; returns the code from the redirect. */
async function authorize(w: World, scope = 'snsapi_userinfo'): Promise<string> {
  const answer = await w.call('oauth.authorize', {
    query: {
      appid: w.appid,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope,
      state: 'xyz',
      wxmp_openid: w.follower().openid,
    },
  })
  return new URL(answer.headers.location ?? '').searchParams.get('code') ?? ''
}

async function webToken(w: World): Promise<Answer> {
  return w.call('oauth.accessToken', {
    query: {
      appid: w.appid,
      secret: w.secret,
      code: await authorize(w),
      grant_type: 'authorization_code',
    },
  })
}

/** The scenarios of QR codes and OAuth. */
export const qrOauthScenarios: Scenarios = {
  'qrcode.create': {
    valid: (w) =>
      w.call('qrcode.create', {
        body: { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'shop' } } },
      }),
  },
  'qrcode.show': {
    valid: async (w) => w.call('qrcode.show', { query: { ticket: await ticket(w) } }),
  },
  'oauth.authorize': {
    valid: (w) =>
      w.call('oauth.authorize', {
        query: {
          appid: w.appid,
          redirect_uri: REDIRECT,
          response_type: 'code',
          scope: 'snsapi_base',
        },
      }),
  },
  'oauth.accessToken': {
    valid: (w) => webToken(w),
    invalid: {
      errcode: ERRCODE.OAUTH_CODE_USED,
      call: async (w) => {
        const code = await authorize(w)
        const query = { appid: w.appid, secret: w.secret, code, grant_type: 'authorization_code' }
        await w.call('oauth.accessToken', { query })
        return w.call('oauth.accessToken', { query })
      },
    },
  },
  'oauth.refreshToken': {
    valid: async (w) =>
      w.call('oauth.refreshToken', {
        query: {
          appid: w.appid,
          grant_type: 'refresh_token',
          refresh_token: String((await webToken(w)).json?.refresh_token),
        },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_REFRESH_TOKEN,
      call: (w) =>
        w.call('oauth.refreshToken', {
          query: { appid: w.appid, grant_type: 'refresh_token', refresh_token: 'forged' },
        }),
    },
  },
  'oauth.userInfo': {
    valid: async (w) => {
      const token = (await webToken(w)).json
      return w.call('oauth.userInfo', {
        query: {
          access_token: String(token?.access_token),
          openid: String(token?.openid),
          lang: 'zh_CN',
        },
      })
    },
    invalid: {
      errcode: ERRCODE.INVALID_OPENID,
      call: async (w) => {
        const token = (await webToken(w)).json
        return w.call('oauth.userInfo', {
          query: { access_token: String(token?.access_token), openid: w.formerFollower().openid },
        })
      },
    },
  },
  'oauth.auth': {
    valid: async (w) => {
      const token = (await webToken(w)).json
      return w.call('oauth.auth', {
        query: { access_token: String(token?.access_token), openid: String(token?.openid) },
      })
    },
    invalid: {
      errcode: ERRCODE.INVALID_OPENID,
      call: async (w) => {
        const token = (await webToken(w)).json
        return w.call('oauth.auth', {
          query: { access_token: String(token?.access_token), openid: w.formerFollower().openid },
        })
      },
    },
  },
}
