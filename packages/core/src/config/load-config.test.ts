import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { WxConfigError } from '../errors.js'
import { findAccount } from './find-account.js'
import { loadConfig } from './load-config.js'

const APPID = 'wxba5fad812f8e6fb9'
const OTHER_APPID = 'wx2c2769f8efd9abc2'
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const SECRET = '0123456789abcdef0123456789abcdef'

const dir = mkdtempSync(join(tmpdir(), 'wxmp-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
function configFile(content: unknown): string {
  const path = join(dir, `config-${files++}.json`)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

function configError(load: () => unknown): WxConfigError {
  try {
    load()
  } catch (err) {
    if (err instanceof WxConfigError) return err
    throw err
  }
  throw new Error('expected a WxConfigError')
}

describe('loadConfig precedence', () => {
  const file = configFile({
    accounts: [{ appid: APPID, token: 'fromFile', secret: SECRET }],
    port: 3001,
    logLevel: 'warn',
    host: '0.0.0.0',
  })

  it('takes a flag over the environment over the config file', () => {
    const config = loadConfig({
      configFile: file,
      env: { WXMP_TOKEN: 'fromEnv', WXMP_PORT: '3002', WXMP_LOG_LEVEL: 'debug' },
      flags: { token: 'fromFlag', port: 3003 },
    })
    expect(config.accounts[0]?.token).toBe('fromFlag')
    expect(config.port).toBe(3003)
    expect(config.logLevel).toBe('debug')
    expect(config.host).toBe('0.0.0.0')
    expect(config.accounts[0]?.secret).toBe(SECRET)
  })

  it('treats an empty environment value as unset', () => {
    const config = loadConfig({
      configFile: file,
      env: { WXMP_TOKEN: '', WXMP_PORT: '', WXMP_AES_KEY: '  ' },
    })
    expect(config.accounts[0]?.token).toBe('fromFile')
    expect(config.port).toBe(3001)
    expect(config.accounts[0]?.aesKey).toBeUndefined()
  })

  it('reads the file named by WXMP_CONFIG, unless a config file is given', () => {
    const other = configFile({ accounts: [{ appid: OTHER_APPID, token: 'other' }] })
    expect(loadConfig({ env: { WXMP_CONFIG: file } }).port).toBe(3001)
    expect(loadConfig({ configFile: other, env: { WXMP_CONFIG: file } }).accounts[0]?.appid).toBe(
      OTHER_APPID,
    )
  })

  it('overrides only the first account of the file with account variables', () => {
    const two = configFile({
      accounts: [
        { appid: APPID, token: 'first' },
        { appid: OTHER_APPID, token: 'second' },
      ],
    })
    const config = loadConfig({ configFile: two, env: { WXMP_TOKEN: 'override' } })
    expect(config.accounts.map((a) => a.token)).toEqual(['override', 'second'])
  })

  it('builds the single account from environment variables alone', () => {
    const config = loadConfig({
      env: { WXMP_APPID: APPID, WXMP_TOKEN: 'AAAAA', WXMP_AES_KEY: AES_KEY },
    })
    expect(config.accounts).toEqual([
      { appid: APPID, token: 'AAAAA', aesKey: AES_KEY, encryptMode: 'safe' },
    ])
  })

  it('does not read process.env when an environment is passed', () => {
    process.env.WXMP_PORT = '4444'
    try {
      expect(loadConfig({ env: {} }).port).toBeUndefined()
      expect(loadConfig().port).toBe(4444)
    } finally {
      delete process.env.WXMP_PORT
    }
  })
})

describe('loadConfig defaults', () => {
  it('fills in host, path, data directory, API base and log level', () => {
    expect(loadConfig({ env: {} })).toEqual({
      accounts: [],
      clients: [],
      host: '127.0.0.1',
      path: '/wx',
      dataDir: './data',
      apiBase: 'https://api.weixin.qq.com',
      logLevel: 'info',
    })
  })

  it('defaults encryptMode to safe with an aesKey and plain without', () => {
    const withKey = loadConfig({ flags: { appid: APPID, token: 'AAAAA', aesKey: AES_KEY } })
    const withoutKey = loadConfig({ flags: { appid: APPID, token: 'AAAAA' } })
    expect(withKey.accounts[0]?.encryptMode).toBe('safe')
    expect(withoutKey.accounts[0]?.encryptMode).toBe('plain')
  })

  it('keeps an explicit plain mode even when an aesKey is configured', () => {
    const config = loadConfig({
      flags: { appid: APPID, token: 'AAAAA', aesKey: AES_KEY, encryptMode: 'plain' },
    })
    expect(config.accounts[0]?.encryptMode).toBe('plain')
  })

  it('normalises pasted values: trims whitespace, lower-cases the AppID, drops a trailing slash', () => {
    const config = loadConfig({
      env: {
        WXMP_APPID: ' WXBA5FAD812F8E6FB9\n',
        WXMP_TOKEN: 'AAAAA\n',
        WXMP_API_BASE: 'http://127.0.0.1:9000/',
      },
    })
    expect(config.accounts[0]).toMatchObject({ appid: APPID, token: 'AAAAA' })
    expect(config.apiBase).toBe('http://127.0.0.1:9000')
  })

  it('accepts an editor "$schema" key in the file and drops it', () => {
    const config = loadConfig({
      configFile: configFile({ $schema: './wxmp.schema.json', port: 8080 }),
      env: {},
    })
    expect(config).not.toHaveProperty('$schema')
    expect(config.port).toBe(8080)
  })
})

describe('loadConfig config file errors', () => {
  it('names a missing file and where its path came from', () => {
    const missing = join(dir, 'nope.json')
    const err = configError(() => loadConfig({ env: { WXMP_CONFIG: missing } }))
    expect(err.code).toBe('WX_ERR_CONFIG')
    expect(err.message).toContain(missing)
    expect(err.message).toContain('not found')
    expect(err.message).toContain('WXMP_CONFIG')
  })

  it('gives the line and column of invalid JSON without quoting the file', () => {
    const path = configFile(`{\n  "accounts": [{ "appid": "${APPID}", "secret": "${SECRET}", }]\n}`)
    const err = configError(() => loadConfig({ configFile: path, env: {} }))
    expect(err.message).toContain(`config file ${path}`)
    expect(err.message).toContain('not valid JSON at line 2')
    expect(err.message).not.toContain(SECRET)
  })

  it('rejects a file that holds something other than a JSON object', () => {
    const err = configError(() => loadConfig({ configFile: configFile('[1, 2]'), env: {} }))
    expect(err.message).toContain('must contain a JSON object')
  })

  it('says when the path is a directory', () => {
    const sub = join(dir, 'a-directory')
    mkdirSync(sub)
    expect(configError(() => loadConfig({ configFile: sub, env: {} })).message).toContain(
      'is a directory',
    )
  })

  it('reads a file saved with a byte-order mark', () => {
    const path = configFile(`\uFEFF${JSON.stringify({ port: 9 })}`)
    expect(loadConfig({ configFile: path, env: {} }).port).toBe(9)
  })
})

describe('findAccount', () => {
  it('finds an account by AppID, whatever its case, and returns undefined for others', () => {
    const config = loadConfig({ flags: { appid: APPID, token: 'AAAAA' } })
    expect(findAccount(config, APPID.toUpperCase())?.token).toBe('AAAAA')
    expect(findAccount(config, OTHER_APPID)).toBeUndefined()
  })
})
