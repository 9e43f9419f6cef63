/** Acceptance scenarios for customer-service messages and accounts (§6.8). */
import { ERRCODE } from '@wxmp/core'
import type { Scenarios } from './scenario.test-support.js'
import { fileForm } from './world.test-support.js'
import type { World } from './world.test-support.js'

const KF = 'helper@wxmpdemo'

/** The first follower, with a message window open (as the push engine opens it). */
function fanWithWindow(w: World): string {
  const { openid } = w.follower()
  w.emulator.state.windows.open(w.appid, openid, 'message', w.clock.now())
  return openid
}

async function kfAccount(w: World): Promise<string> {
  await w.call('kfAccount.add', { body: { kf_account: KF, nickname: '小助手' } })
  return KF
}

/** The scenarios of customer-service messages and accounts. */
export const customServiceScenarios: Scenarios = {
  'customService.send': {
    valid: (w) =>
      w.call('customService.send', {
        body: { touser: fanWithWindow(w), msgtype: 'text', text: { content: '您好' } },
      }),
    invalid: {
      // No interaction yet: no window is open.
      errcode: ERRCODE.REPLY_WINDOW_CLOSED,
      call: (w) =>
        w.call('customService.send', {
          body: { touser: w.follower().openid, msgtype: 'text', text: { content: '您好' } },
        }),
    },
  },
  'customService.typing': {
    valid: (w) =>
      w.call('customService.typing', { body: { touser: fanWithWindow(w), command: 'Typing' } }),
    invalid: {
      errcode: ERRCODE.REPLY_WINDOW_CLOSED,
      call: (w) =>
        w.call('customService.typing', {
          body: { touser: w.follower().openid, command: 'Typing' },
        }),
    },
  },
  'kfAccount.add': {
    valid: (w) => w.call('kfAccount.add', { body: { kf_account: KF, nickname: '小助手' } }),
    invalid: {
      errcode: ERRCODE.INVALID_KF_ACCOUNT_NAME,
      call: (w) => w.call('kfAccount.add', { body: { kf_account: 'no-at-sign', nickname: 'x' } }),
    },
  },
  'kfAccount.update': {
    valid: async (w) =>
      w.call('kfAccount.update', { body: { kf_account: await kfAccount(w), nickname: '新昵称' } }),
    invalid: {
      errcode: ERRCODE.INVALID_KF_ACCOUNT,
      call: (w) => w.call('kfAccount.update', { body: { kf_account: KF, nickname: 'x' } }),
    },
  },
  'kfAccount.delete': {
    valid: async (w) => w.call('kfAccount.delete', { body: { kf_account: await kfAccount(w) } }),
    invalid: {
      errcode: ERRCODE.INVALID_KF_ACCOUNT,
      call: (w) => w.call('kfAccount.delete', { body: { kf_account: KF } }),
    },
  },
  'kfAccount.inviteWorker': {
    valid: async (w) =>
      w.call('kfAccount.inviteWorker', {
        body: { kf_account: await kfAccount(w), invite_wx: 'worker_wx1' },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_KF_ACCOUNT,
      call: (w) =>
        w.call('kfAccount.inviteWorker', { body: { kf_account: KF, invite_wx: 'worker_wx1' } }),
    },
  },
  'kfAccount.uploadHeadImg': {
    valid: async (w) =>
      w.call('kfAccount.uploadHeadImg', {
        query: { kf_account: await kfAccount(w) },
        form: fileForm('head.jpg'),
      }),
    invalid: {
      errcode: ERRCODE.INVALID_FILE_TYPE,
      call: async (w) =>
        w.call('kfAccount.uploadHeadImg', {
          query: { kf_account: await kfAccount(w) },
          form: fileForm('head.bmp'),
        }),
    },
  },
  'kfAccount.list': {
    valid: async (w) => {
      await kfAccount(w)
      return w.call('kfAccount.list')
    },
  },
  'kfAccount.listOnline': { valid: (w) => w.call('kfAccount.listOnline') },
}
