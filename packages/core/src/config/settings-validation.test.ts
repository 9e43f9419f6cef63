import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from './load-config.js'
import { configProblems } from './config-problem.test-support.js'

const APPID = 'wxba5fad812f8e6fb9'
const CLIENT_KEY = 'k3y-for-the-billing-client-0001'

const { problem, fileWith, cleanup } = configProblems('settings-validation')
afterAll(cleanup)

describe('role settings validation', () => {
  it.each([
    ['host', { WXMP_HOST: 'http://0.0.0.0' }, 'host: must be a host name or IP address'],
    ['port', { WXMP_PORT: '3.5' }, 'port: must be a whole number from 0 to 65535 (got "3.5")'],
    ['path', { WXMP_PATH: 'wx' }, 'path: must start with "/"'],
    [
      'apiBase',
      { WXMP_API_BASE: 'api.weixin.qq.com' },
      'apiBase: must be an http:// or https:// URL',
    ],
    [
      'redisUrl',
      { WXMP_REDIS_URL: 'localhost:6379' },
      'redisUrl: must be a redis:// or rediss:// URL (got 14 characters)',
    ],
    [
      'logLevel',
      { WXMP_LOG_LEVEL: 'verbose' },
      'logLevel: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ],
  ])('rejects a bad %s', (_field, env, expected) => {
    expect(problem({ env }).message).toContain(expected)
  })

  it('accepts the values roles actually use', () => {
    const config = loadConfig({
      env: {
        WXMP_HOST: '::',
        WXMP_PORT: '0',
        WXMP_REDIS_URL: 'rediss://default:pw@cache:6380/1',
        WXMP_LOG_LEVEL: 'silent',
      },
    })
    expect(config).toMatchObject({
      host: '::',
      port: 0,
      redisUrl: 'rediss://default:pw@cache:6380/1',
      logLevel: 'silent',
    })
  })
})

describe('client validation', () => {
  const client = (fields: Record<string, unknown>) => ({
    accounts: [{ appid: APPID, token: 'AAAAA' }],
    clients: [
      {
        name: 'billing',
        key: CLIENT_KEY,
        accounts: [APPID],
        allow: ['menu.*', 'user.get'],
        ...fields,
      },
    ],
  })

  it('accepts a client with known accounts and endpoint patterns', () => {
    const config = loadConfig({ configFile: fileWith(client({ allow: ['*'] })), env: {} })
    expect(config.clients).toEqual([
      { name: 'billing', key: CLIENT_KEY, accounts: [APPID], allow: ['*'] },
    ])
  })

  it('rejects a client account that is not configured', () => {
    const other = 'wx2c2769f8efd9abc2'
    expect(problem({ file: client({ accounts: [APPID, other] }) }).message).toContain(
      `clients[0].accounts[1]: is not one of the configured accounts (got "${other}") — use one of ${APPID}`,
    )
  })

  it('rejects a short key without echoing it', () => {
    const err = problem({ file: client({ key: 'tooshort1' }) })
    expect(err.message).toContain(
      'clients[0].key: must be at least 16 characters, without spaces (got 9 characters)',
    )
    expect(err.message).not.toContain('tooshort1')
  })

  it('rejects duplicate names and keys', () => {
    const file = client({})
    file.clients.push({ ...file.clients[0]!, name: 'billing' })
    const err = problem({ file })
    expect(err.message).toContain('clients[1].name: is the same as clients[0]')
    expect(err.message).toContain('clients[1].key: is the same as clients[0]')
    expect(err.message).not.toContain(CLIENT_KEY)
  })

  it('rejects malformed allow patterns and empty lists', () => {
    expect(problem({ file: client({ allow: ['menu.*.get'] }) }).message).toContain(
      'clients[0].allow[0]: must be "*", "<scope>.*" or an endpoint id',
    )
    expect(problem({ file: client({ allow: [] }) }).message).toContain(
      'clients[0].allow: must list at least one',
    )
  })

  it('accepts rate limits and per-account daily quotas for the API proxy', () => {
    const file = client({ rateLimit: { perMinute: 600, endpoints: { 'message.*': 60 } } })
    file.accounts[0] = { ...file.accounts[0]!, dailyQuota: { 'menu.create': 5000 } } as never
    const config = loadConfig({ configFile: fileWith(file), env: {} })
    expect(config.clients[0]!.rateLimit).toEqual({ perMinute: 600, endpoints: { 'message.*': 60 } })
    expect(config.accounts[0]!.dailyQuota).toEqual({ 'menu.create': 5000 })
  })

  it('rejects malformed rate limits and quotas', () => {
    expect(problem({ file: client({ rateLimit: { perMinute: -1 } }) }).message).toContain(
      'clients[0].rateLimit.perMinute: must be a whole number, zero or more',
    )
    expect(
      problem({ file: client({ rateLimit: { endpoints: { 'menu.*.x': 5 } } }) }).message,
    ).toContain('clients[0].rateLimit.endpoints')
    const file = client({})
    file.accounts[0] = { ...file.accounts[0]!, dailyQuota: { menu: 5 } } as never
    expect(problem({ file }).message).toContain('accounts[0].dailyQuota')
  })
})
