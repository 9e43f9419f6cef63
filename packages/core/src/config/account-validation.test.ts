import { afterAll, describe, expect, it } from 'vitest'
import { configProblems } from './config-problem.test-support.js'

const APPID = 'wxba5fad812f8e6fb9'
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

const { problem, cleanup } = configProblems('account-validation')
afterAll(cleanup)

const account = (fields: Record<string, unknown>) => ({
  accounts: [{ appid: APPID, token: 'AAAAA', ...fields }],
})

describe('account validation', () => {
  it.each([
    [
      'appid',
      { appid: 'wx123' },
      'accounts[0].appid: must be "wx" followed by 16 hex digits (got "wx123")',
    ],
    [
      'secret',
      { secret: 'short' },
      'accounts[0].secret: must be 32 letters and digits (got 5 characters)',
    ],
    [
      'token',
      { token: 'a!' },
      'accounts[0].token: must be 3–32 letters and digits (got 2 characters',
    ],
    [
      'aesKey',
      { aesKey: AES_KEY.slice(1) },
      'accounts[0].aesKey: must be exactly 43 letters and digits (got 42 characters)',
    ],
    [
      'previousAesKey',
      { aesKey: AES_KEY, previousAesKey: `${AES_KEY.slice(1)}=` },
      'accounts[0].previousAesKey: must be exactly 43 letters and digits (got 43 characters, including characters other than letters and digits)',
    ],
    [
      'originalId',
      { originalId: 'gh_123' },
      'accounts[0].originalId: must be "gh_" followed by 12 hex digits (got "gh_123")',
    ],
    [
      'encryptMode',
      { encryptMode: 'aes' },
      'accounts[0].encryptMode: must be one of plain, compat, safe (got "aes")',
    ],
    [
      'pushUrl',
      { pushUrl: 'ftp://example.com/wx' },
      'accounts[0].pushUrl: must be an http:// or https:// URL (got "ftp://example.com/wx")',
    ],
  ])('rejects a bad %s, naming the field and the rule', (_field, fields, expected) => {
    expect(problem({ file: account(fields) }).message).toContain(expected)
  })

  it('names the field of the error for programs to read', () => {
    expect(problem({ file: account({ aesKey: 'x' }) }).field).toBe('accounts[0].aesKey')
  })

  it('tells where to find the value in the console and which variable sets it', () => {
    const err = problem({
      env: { WXMP_APPID: APPID, WXMP_TOKEN: 'AAAAA', WXMP_AES_KEY: AES_KEY.slice(1) },
    })
    expect(err.message).toBe(
      'accounts[0].aesKey: must be exactly 43 letters and digits (got 42 characters) — copy EncodingAESKey from 基本配置 → 服务器配置, or set WXMP_AES_KEY [from environment variable WXMP_AES_KEY]',
    )
  })

  it('says whether a bad value came from a flag, a variable or the file', () => {
    expect(problem({ flags: { appid: APPID, token: 'AAAAA', port: 'x' } }).message).toContain(
      '[from flag --port]',
    )
    expect(problem({ file: account({ originalId: 'gh_1' }) }).message).toMatch(
      /\[from config file .*config-\d+\.json\]/,
    )
  })

  it('reports missing required fields', () => {
    expect(problem({ env: { WXMP_APPID: APPID } }).message).toContain(
      'accounts[0].token: is required — use the 令牌(Token)',
    )
    expect(problem({ flags: { token: 'AAAAA' } }).message).toContain(
      'accounts[0].appid: is required',
    )
  })

  it('requires an aesKey for the safe and compatible modes', () => {
    const err = problem({ flags: { appid: APPID, token: 'AAAAA', encryptMode: 'compat' } })
    expect(err.message).toContain('accounts[0].encryptMode: "compat" needs an aesKey')
  })

  it('rejects a previous key without a current one', () => {
    expect(problem({ file: account({ previousAesKey: AES_KEY }) }).message).toContain(
      'accounts[0].previousAesKey: is set but aesKey is not',
    )
  })

  it('rejects the same AppID twice', () => {
    const file = {
      accounts: [
        { appid: APPID, token: 'AAAAA' },
        { appid: APPID.toUpperCase(), token: 'BBBBB' },
      ],
    }
    expect(problem({ file }).message).toContain(
      'accounts[1].appid: is the same AppID as accounts[0]',
    )
  })

  it('rejects an unknown setting and suggests the intended one', () => {
    const err = problem({
      file: { accounts: [{ appid: APPID, token: 'AAAAA', encodingAESKey: AES_KEY }], prot: 1 },
    })
    expect(err.message).toContain(
      'accounts[0].encodingAESKey: is not a known setting — did you mean "aesKey"?',
    )
    expect(err.message).toContain('prot: is not a known setting — remove it')
    expect(err.message).not.toContain(AES_KEY)
  })

  it('lists every problem at once', () => {
    const err = problem({ file: account({ appid: 'x', aesKey: 'y' }), env: { WXMP_PORT: '70000' } })
    expect(err.message).toMatch(/^invalid configuration \(3 problems\):\n {2}accounts\[0\]\.appid/)
    expect(err.message).toContain('port: must be a whole number from 0 to 65535 (got 70000)')
  })
})

describe('secrets in error messages', () => {
  it('never echoes a secret value, whichever field it was put in', () => {
    const secret = 'Sup3rS3cretAppS3cretValue0123456'
    const token = 'MyWebhookToken42'
    const err = problem({
      env: {
        WXMP_APPID: secret,
        WXMP_SECRET: secret,
        WXMP_TOKEN: token,
        WXMP_AES_KEY: `${token}!`,
      },
      flags: { redisUrl: `http://:${token}@redis` },
    })
    expect(err.message).toContain('accounts[0].appid')
    expect(err.message).toContain('accounts[0].aesKey')
    expect(err.message).toContain('redisUrl')
    expect(err.message).not.toContain(secret)
    expect(err.message).not.toContain(token)
  })
})
