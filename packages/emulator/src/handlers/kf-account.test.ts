import { ERRCODE } from '@wxmp/core'
import type { EndpointId } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { FIRST_KF_ID, KF_INVITE_TTL_SECONDS, MAX_KF_ACCOUNTS } from '../kf-accounts.js'

const API = 'https://api.weixin.qq.com'
const HOUR = 3_600_000
const MB = 1024 * 1024

interface KfRow {
  kf_account: string
  kf_nick: string
  kf_id: string
  kf_headimgurl?: string
  kf_wx?: string
  invite_wx?: string
  invite_expire_time?: number
  invite_status?: string
}

async function setup() {
  const h = harness()
  // Invitations run for days; a token lives 2 h, so each call takes one that is still valid.
  let access_token = await h.token()
  let issuedAt = h.clock.now()
  const token = async () => {
    if (h.clock.now() - issuedAt >= HOUR) {
      access_token = await h.token()
      issuedAt = h.clock.now()
    }
    return access_token
  }
  const post = async (path: string, body: unknown) =>
    h.call('POST', path, { access_token: await token() }, body)
  const add = (kf_account: string, nickname = '客服') =>
    post('/customservice/kfaccount/add', { kf_account, nickname })
  const update = (kf_account: string, nickname: string) =>
    post('/customservice/kfaccount/update', { kf_account, nickname })
  const del = (kf_account: string) => post('/customservice/kfaccount/del', { kf_account })
  const invite = (kf_account: string, invite_wx: string) =>
    post('/customservice/kfaccount/inviteworker', { kf_account, invite_wx })
  const listBody = async () =>
    h.call('GET', '/cgi-bin/customservice/getkflist', { access_token: await token() })
  const list = async () => {
    const body = await listBody()
    expectValidResponse('kfAccount.list', body)
    return body.kf_list as KfRow[]
  }
  const online = async () => {
    const body = await h.call('GET', '/cgi-bin/customservice/getonlinekflist', {
      access_token: await token(),
    })
    expectValidResponse('kfAccount.listOnline', body)
    return body.kf_online_list as Json[]
  }
  /** A real multipart upload of the head image (FormData, encoded by the platform's Request). */
  const uploadHead = async (
    query: Record<string, string>,
    file?: { data: Uint8Array; filename: string },
  ): Promise<Json> => {
    const form = new FormData()
    if (file) form.append('media', new Blob([new Uint8Array(file.data)]), file.filename)
    const search = new URLSearchParams({ access_token: await token(), ...query }).toString()
    const url = `${API}/customservice/kfaccount/uploadheadimg?${search}`
    const response = await h.emulator.fetch(new Request(url, { method: 'POST', body: form }))
    expect(response.status).toBe(200)
    return (await response.json()) as Json
  }
  const kf = h.emulator.state.kfAccounts
  return { ...h, post, add, update, del, invite, list, listBody, online, uploadHead, kf }
}

function expectOk(id: EndpointId, body: Json): void {
  expectValidResponse(id, body)
  expect(body).toEqual({ errcode: 0, errmsg: 'ok' })
}

describe('kfaccount/add and getkflist', () => {
  it('adds accounts with kf_id from 1001 and lists them in creation order', async () => {
    const s = await setup()
    expect(await s.list()).toEqual([])
    expectOk('kfAccount.add', await s.add('test1@wxmpdemo', '客服1'))
    expectOk('kfAccount.add', await s.add('test2@wxmpdemo', '客服2'))
    expect(await s.list()).toEqual([
      { kf_account: 'test1@wxmpdemo', kf_nick: '客服1', kf_id: String(FIRST_KF_ID) },
      { kf_account: 'test2@wxmpdemo', kf_nick: '客服2', kf_id: String(FIRST_KF_ID + 1) },
    ])
  })

  it('answers 65404 for a name that is not prefix@wechat-id, accepting the longest parts', async () => {
    const s = await setup()
    for (const name of [
      'nodomain',
      '@wxmpdemo',
      'kf@',
      'kf@@wxmpdemo',
      'prefix7890a@wxmpdemo', // 11-character prefix
      'kf-1@wxmpdemo', // `-` is not allowed in the prefix
      'kf1@9demo', // the WeChat id starts with a letter
      'kf1@wxmp demo',
      `kf1@w${'x'.repeat(30)}`, // 31-character id
      '客服@wxmpdemo',
    ])
      expectError(await s.add(name), ERRCODE.INVALID_KF_ACCOUNT_NAME)
    expectOk('kfAccount.add', await s.add(`prefix_890@w${'x'.repeat(29)}`))
    expectOk('kfAccount.add', await s.add('kf1@gh_0123456789ab'))
    expect(await s.list()).toHaveLength(2)
  })

  it('answers 65403 for an empty nickname or one over 16 characters', async () => {
    const s = await setup()
    expectError(await s.add('a@wxmpdemo', ''), ERRCODE.INVALID_KF_NICKNAME)
    expectError(await s.add('a@wxmpdemo', '   '), ERRCODE.INVALID_KF_NICKNAME)
    expectError(await s.add('a@wxmpdemo', '客'.repeat(17)), ERRCODE.INVALID_KF_NICKNAME)
    // Characters, not bytes: 16 Chinese characters (48 bytes) and 16 emoji fit.
    expectOk('kfAccount.add', await s.add('a@wxmpdemo', '客'.repeat(16)))
    expectOk('kfAccount.add', await s.add('b@wxmpdemo', '😀'.repeat(16)))
  })

  it('answers 65406 for a name the account already has', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    expectError(await s.add('a@wxmpdemo', '另一个'), ERRCODE.KF_ACCOUNT_EXISTS)
    expect(await s.list()).toHaveLength(1)
  })

  it('answers 65405 for the 101st account', async () => {
    const s = await setup()
    for (let i = 0; i < MAX_KF_ACCOUNTS; i++) expectOk('kfAccount.add', await s.add(`kf${i}@demo`))
    expectError(await s.add('more@demo'), ERRCODE.TOO_MANY_KF_ACCOUNTS)
    await s.del('kf0@demo')
    expectOk('kfAccount.add', await s.add('more@demo'))
  })

  it('accepts and ignores the old API’s password', async () => {
    const s = await setup()
    const body = await s.post('/customservice/kfaccount/add', {
      kf_account: 'a@wxmpdemo',
      nickname: '客服',
      password: 'e10adc3949ba59abbe56e057f20f883e',
    })
    expectOk('kfAccount.add', body)
    expect(await s.list()).toEqual([{ kf_account: 'a@wxmpdemo', kf_nick: '客服', kf_id: '1001' }])
  })

  it('answers 47001 for a malformed body and 44002 for an empty one', async () => {
    const s = await setup()
    const add = (body: unknown) => s.post('/customservice/kfaccount/add', body)
    expectError(await add({ kf_account: 'a@wxmpdemo' }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await add({ kf_account: 'a@wxmpdemo', nickname: 1 }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await add({ kf_account: ['a@wxmpdemo'], nickname: 'n' }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await add('[]'), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await add(''), ERRCODE.EMPTY_POST_DATA)
    expect(await s.list()).toEqual([])
  })
})

describe('kfaccount/update and kfaccount/del', () => {
  it('renames an account, with the nickname rules of add', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo', '旧名')
    expectOk('kfAccount.update', await s.update('a@wxmpdemo', '新名'))
    expect((await s.list())[0]?.kf_nick).toBe('新名')
    expectError(await s.update('a@wxmpdemo', ''), ERRCODE.INVALID_KF_NICKNAME)
    expectError(await s.update('a@wxmpdemo', 'x'.repeat(17)), ERRCODE.INVALID_KF_NICKNAME)
    expectError(await s.update('b@wxmpdemo', '名'), ERRCODE.INVALID_KF_ACCOUNT)
    expect((await s.list())[0]?.kf_nick).toBe('新名')
  })

  it('deletes an account (65401 when unknown) and never reuses its kf_id', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    await s.add('b@wxmpdemo')
    expectOk('kfAccount.delete', await s.del('b@wxmpdemo'))
    expectError(await s.del('b@wxmpdemo'), ERRCODE.INVALID_KF_ACCOUNT)
    expectError(await s.del('A@wxmpdemo'), ERRCODE.INVALID_KF_ACCOUNT)
    await s.add('c@wxmpdemo')
    expect((await s.list()).map((row) => [row.kf_account, row.kf_id])).toEqual([
      ['a@wxmpdemo', '1001'],
      ['c@wxmpdemo', '1003'],
    ])
  })
})

describe('kfaccount/inviteworker', () => {
  it('lists a waiting invitation for 7 days, then the bound worker once accepted', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    expectOk('kfAccount.inviteWorker', await s.invite('a@wxmpdemo', 'worker_01'))
    const expires = Math.floor(s.clock.now() / 1000) + KF_INVITE_TTL_SECONDS
    expect(await s.list()).toEqual([
      {
        kf_account: 'a@wxmpdemo',
        kf_nick: '客服',
        kf_id: '1001',
        invite_wx: 'worker_01',
        invite_expire_time: expires,
        invite_status: 'waiting',
      },
    ])
    s.kf.acceptInvite(APPID, 'a@wxmpdemo')
    expect(await s.list()).toEqual([
      { kf_account: 'a@wxmpdemo', kf_nick: '客服', kf_id: '1001', kf_wx: 'worker_01' },
    ])
  })

  it('answers 65401 for an unknown account and 65409 for a malformed WeChat id', async () => {
    const s = await setup()
    expectError(await s.invite('a@wxmpdemo', 'worker_01'), ERRCODE.INVALID_KF_ACCOUNT)
    await s.add('a@wxmpdemo')
    for (const wx of ['', 'abc', '1worker', 'worker 01', 'w'.repeat(21), '微信号微信号'])
      expectError(await s.invite('a@wxmpdemo', wx), ERRCODE.INVALID_KF_WECHAT_ID)
    expectOk('kfAccount.inviteWorker', await s.invite('a@wxmpdemo', `w${'x'.repeat(19)}`))
  })

  it('answers 65411 while an invitation waits, and renews one rejected or expired', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    await s.invite('a@wxmpdemo', 'worker_01')
    expectError(await s.invite('a@wxmpdemo', 'worker_02'), ERRCODE.KF_INVITE_PENDING)
    s.kf.rejectInvite(APPID, 'a@wxmpdemo')
    expect((await s.list())[0]?.invite_status).toBe('rejected')
    expectOk('kfAccount.inviteWorker', await s.invite('a@wxmpdemo', 'worker_02'))
    s.clock.advance(KF_INVITE_TTL_SECONDS * 1000 - 1000)
    expect((await s.list())[0]?.invite_status).toBe('waiting')
    expectError(await s.invite('a@wxmpdemo', 'worker_03'), ERRCODE.KF_INVITE_PENDING)
    s.clock.advance(1000)
    expect((await s.list())[0]?.invite_status).toBe('expired')
    expect(() => s.kf.acceptInvite(APPID, 'a@wxmpdemo')).toThrow(/no waiting invitation/)
    expectOk('kfAccount.inviteWorker', await s.invite('a@wxmpdemo', 'worker_03'))
  })

  it('answers 65412 for a bound account, 65407 / 65408 for a worker or invitee of the account', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    await s.add('b@wxmpdemo')
    await s.add('c@wxmpdemo')
    await s.invite('a@wxmpdemo', 'worker_01')
    s.kf.acceptInvite(APPID, 'a@wxmpdemo')
    expectError(await s.invite('a@wxmpdemo', 'worker_02'), ERRCODE.KF_ACCOUNT_ALREADY_BOUND)
    expectError(await s.invite('b@wxmpdemo', 'worker_01'), ERRCODE.KF_INVITEE_ALREADY_WORKER)
    await s.invite('b@wxmpdemo', 'worker_02')
    expectError(await s.invite('c@wxmpdemo', 'worker_02'), ERRCODE.KF_INVITEE_ALREADY_INVITED)
    // Once b's invitation has expired, worker_02 can be invited to c.
    s.clock.advance(KF_INVITE_TTL_SECONDS * 1000)
    expectOk('kfAccount.inviteWorker', await s.invite('c@wxmpdemo', 'worker_02'))
  })

  it('answers 65410 when the invitee already works as 5 accounts', async () => {
    const s = await setup()
    for (let i = 0; i < 5; i++) {
      const other = `wx${String(i).padStart(16, '0')}`
      s.kf.add(other, `kf@other${i}`, '客服')
      s.kf.invite(other, `kf@other${i}`, 'busy_worker')
      s.kf.acceptInvite(other, `kf@other${i}`)
    }
    await s.add('a@wxmpdemo')
    expectError(await s.invite('a@wxmpdemo', 'busy_worker'), ERRCODE.KF_INVITEE_BINDING_LIMIT)
    expectOk('kfAccount.inviteWorker', await s.invite('a@wxmpdemo', 'free_worker'))
  })

  it('forgets a deleted account’s invitation', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    await s.add('b@wxmpdemo')
    await s.invite('a@wxmpdemo', 'worker_01')
    await s.del('a@wxmpdemo')
    expectOk('kfAccount.inviteWorker', await s.invite('b@wxmpdemo', 'worker_01'))
  })
})

describe('kfaccount/uploadheadimg', () => {
  const JPEG = { data: new Uint8Array(2000).fill(7), filename: 'head.jpg' }

  it('sets the head image shown by getkflist', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    expectOk('kfAccount.uploadHeadImg', await s.uploadHead({ kf_account: 'a@wxmpdemo' }, JPEG))
    const [row] = await s.list()
    expect(row?.kf_headimgurl).toMatch(
      /^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\/[A-Za-z0-9_-]+\/0\?wx_fmt=jpg$/,
    )
    const png = { data: new Uint8Array(10).fill(1), filename: 'head.PNG' }
    expectOk('kfAccount.uploadHeadImg', await s.uploadHead({ kf_account: 'a@wxmpdemo' }, png))
    expect((await s.list())[0]?.kf_headimgurl).toMatch(/mmbiz_png/)
  })

  it('answers 65401 for an unknown account and 40035 without kf_account', async () => {
    const s = await setup()
    expectError(await s.uploadHead({ kf_account: 'a@wxmpdemo' }, JPEG), ERRCODE.INVALID_KF_ACCOUNT)
    expectError(await s.uploadHead({}, JPEG), ERRCODE.INVALID_PARAMETER)
  })

  it('applies the file rules: 40005 type, 40009 over 5 MB, 44001 empty, 41005 no file', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    const q = { kf_account: 'a@wxmpdemo' }
    expectError(await s.uploadHead(q, { ...JPEG, filename: 'head.gif' }), ERRCODE.INVALID_FILE_TYPE)
    expectError(
      await s.uploadHead(q, { data: new Uint8Array(5 * MB + 1), filename: 'big.jpg' }),
      ERRCODE.INVALID_IMAGE_SIZE,
    )
    expectOk(
      'kfAccount.uploadHeadImg',
      await s.uploadHead(q, { data: new Uint8Array(5 * MB), filename: 'max.jpg' }),
    )
    expectError(
      await s.uploadHead(q, { data: new Uint8Array(0), filename: 'e.jpg' }),
      ERRCODE.EMPTY_MEDIA_DATA,
    )
    expectError(await s.uploadHead(q), ERRCODE.MEDIA_DATA_MISSING)
  })
})

describe('getonlinekflist', () => {
  it('lists nobody until a bound account goes online, with its sessions', async () => {
    const s = await setup()
    await s.add('a@wxmpdemo')
    await s.add('b@wxmpdemo')
    expect(await s.online()).toEqual([])
    expect(() => s.kf.setOnline(APPID, 'a@wxmpdemo', true)).toThrow(/no worker/)
    await s.invite('b@wxmpdemo', 'worker_02')
    s.kf.acceptInvite(APPID, 'b@wxmpdemo')
    s.kf.setOnline(APPID, 'b@wxmpdemo', true, 2)
    expect(await s.online()).toEqual([
      { kf_account: 'b@wxmpdemo', status: 1, kf_id: '1002', accepted_case: 2 },
    ])
    s.kf.setOnline(APPID, 'b@wxmpdemo', false)
    expect(await s.online()).toEqual([])
  })

  it('keeps each account’s customer-service accounts to itself', async () => {
    const s = await setup()
    s.kf.add('wxffffffffffffffff', 'a@other', '别家')
    expect(await s.list()).toEqual([])
    expectError(await s.update('a@other', '改名'), ERRCODE.INVALID_KF_ACCOUNT)
  })
})
