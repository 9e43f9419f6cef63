import { describe, expect, it } from 'vitest'
import { ENV_VARS, envVarFor } from './env-vars.js'
import { loadConfig } from './load-config.js'

const APPID = 'wxba5fad812f8e6fb9'

// A valid value for each settable field, to prove each variable and flag lands where it says.
const SAMPLES: Record<string, string> = {
  'accounts[0].appid': APPID,
  'accounts[0].secret': '0123456789abcdef0123456789abcdef',
  'accounts[0].token': 'AAAAA',
  'accounts[0].aesKey': 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  'accounts[0].previousAesKey': 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  'accounts[0].originalId': 'gh_7f083739789a',
  'accounts[0].encryptMode': 'compat',
  'accounts[0].pushUrl': 'https://example.com/wx',
  host: '0.0.0.0',
  port: '8080',
  path: '/hook',
  dataDir: '/var/lib/wxmp',
  apiBase: 'http://127.0.0.1:9000',
  redisUrl: 'redis://localhost:6379',
  logLevel: 'debug',
}

function read(config: object, field: string): unknown {
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], config)
}

describe('ENV_VARS', () => {
  it('names every variable WXMP_* once, with a description', () => {
    const names = ENV_VARS.map((v) => v.name)
    expect(new Set(names).size).toBe(names.length)
    for (const v of ENV_VARS) {
      expect(v.name).toMatch(/^WXMP_[A-Z_]+$/)
      expect(v.description.length).toBeGreaterThan(10)
    }
  })

  it('marks the credentials as secret', () => {
    const secret = ENV_VARS.filter((v) => v.secret).map((v) => v.name)
    expect(secret.sort()).toEqual([
      'WXMP_AES_KEY',
      'WXMP_PREVIOUS_AES_KEY',
      'WXMP_REDIS_URL',
      'WXMP_SECRET',
      'WXMP_TOKEN',
    ])
  })

  const settable = ENV_VARS.filter((v) => v.field !== 'configFile')

  it.each(settable.map((v) => [v.name, v] as const))(
    '%s sets the field it documents',
    (_name, v) => {
      const env = {
        WXMP_APPID: APPID,
        WXMP_TOKEN: 'AAAAA',
        WXMP_AES_KEY: SAMPLES['accounts[0].aesKey']!,
        [v.name]: SAMPLES[v.field]!,
      }
      const expected = v.field === 'port' ? 8080 : SAMPLES[v.field]
      expect(read(loadConfig({ env }), v.field)).toBe(expected)
    },
  )

  it.each(settable.map((v) => [v.flag, v] as const))(
    'flag %s sets the same field as its variable',
    (flag, v) => {
      const flags = {
        appid: APPID,
        token: 'AAAAA',
        aesKey: SAMPLES['accounts[0].aesKey'],
        [flag]: SAMPLES[v.field],
      }
      const expected = v.field === 'port' ? 8080 : SAMPLES[v.field]
      expect(read(loadConfig({ env: {}, flags }), v.field)).toBe(expected)
    },
  )

  it('finds the variable for a field', () => {
    expect(envVarFor('accounts[0].aesKey')?.name).toBe('WXMP_AES_KEY')
    expect(envVarFor('accounts[1].aesKey')).toBeUndefined()
  })
})
