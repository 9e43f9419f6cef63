import { createEmulator, serveEmulator } from '@wxmp/emulator'
import type { ServedEmulator } from '@wxmp/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { checkTokenAnswer } from './check-ip-whitelist.js'
import { fetchTokenOnce } from './fetch-token.js'

const APPID = 'wx0123456789abcdef'
const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'
const ACCOUNT = {
  appid: APPID,
  secret: SECRET,
  token: 'doctorToken',
  encryptMode: 'plain' as const,
}

let served: ServedEmulator | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

async function emulator(ipWhitelist?: Record<string, string[]>): Promise<string> {
  const emu = createEmulator({ accounts: [ACCOUNT], seed: 1, ...(ipWhitelist && { ipWhitelist }) })
  served = await serveEmulator(emu)
  return served.url
}

describe('fetchTokenOnce + checkTokenAnswer', () => {
  it('passes when WeChat issues a token', async () => {
    const answer = await fetchTokenOnce(
      await emulator(),
      { appid: APPID, secret: SECRET },
      { timeoutMs: 2000 },
    )
    expect(answer).toEqual({ kind: 'token' })
    expect(checkTokenAnswer(answer, 'accounts[0]')).toMatchObject({
      check: 'ip-whitelist',
      status: 'ok',
    })
  })

  it('names the address to whitelist from 40164', async () => {
    const base = await emulator({ [APPID]: ['203.0.113.9'] })
    const answer = await fetchTokenOnce(base, { appid: APPID, secret: SECRET }, { timeoutMs: 2000 })
    expect(answer).toMatchObject({ kind: 'error', errcode: 40164 })
    const f = checkTokenAnswer(answer, 'accounts[0]')
    expect(f).toMatchObject({ check: 'ip-whitelist', status: 'fail' })
    expect(f.message).toContain('127.0.0.1')
    expect(f.fix).toContain('add 127.0.0.1 in 基本配置 → IP白名单')
  })

  it('reports a wrong AppSecret as a credentials problem, without the secret', async () => {
    const wrong = 'WrongSecretWrongSecretWrongSecr1'
    const answer = await fetchTokenOnce(
      await emulator(),
      { appid: APPID, secret: wrong },
      { timeoutMs: 2000 },
    )
    const f = checkTokenAnswer(answer, 'accounts[0]')
    expect(f).toMatchObject({ check: 'credentials', status: 'fail' })
    expect(f.message).toContain('40001')
    expect(JSON.stringify(f)).not.toContain(wrong)
  })

  it('still explains a 40164 whose errmsg has no address, and skips on network failure', () => {
    const f = checkTokenAnswer({ kind: 'error', errcode: 40164, errmsg: 'not in whitelist' }, 'a')
    expect(f.status).toBe('fail')
    expect(f.fix).toContain('IP白名单')
    expect(checkTokenAnswer({ kind: 'network', error: 'timeout' }, 'a').status).toBe('skip')
  })

  it('uses a hint from the errcode table for other refusals', () => {
    const f = checkTokenAnswer(
      { kind: 'error', errcode: 40013, errmsg: 'invalid appid rid: x' },
      'a',
    )
    expect(f.message).toBe('WeChat does not know this AppID (40013: invalid appid)')
    const quota = checkTokenAnswer(
      { kind: 'error', errcode: 45009, errmsg: 'reach max api daily quota limit' },
      'a',
    )
    expect(quota.status).toBe('fail')
    expect(quota.fix).toBeDefined()
  })
})
