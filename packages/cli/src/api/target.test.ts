import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APPID, SECRET, stdoutJson, tempDir, wxmp } from './api.test-support.js'
import { resolveTarget } from './target.js'

const OTHER = 'wxfedcba9876543210'

function configWith(accounts: { appid: string; secret?: string }[]): string {
  const file = join(tempDir(), 'wxmp.json')
  writeFileSync(
    file,
    JSON.stringify({ accounts: accounts.map((a) => ({ ...a, token: 'tok123' })) }),
  )
  return file
}

describe('resolveTarget', () => {
  it('takes WXMP_APPID and WXMP_SECRET alone (no webhook token needed), WeChat by default', () => {
    expect(resolveTarget({}, { WXMP_APPID: APPID, WXMP_SECRET: SECRET })).toEqual({
      appid: APPID,
      apiBase: undefined,
      route: { kind: 'direct', secret: SECRET },
    })
    const local = resolveTarget(
      { apiBase: 'http://127.0.0.1:8090/' },
      { WXMP_APPID: APPID, WXMP_SECRET: SECRET, WXMP_API_BASE: 'http://elsewhere:1' },
    )
    expect(local.apiBase).toBe('http://127.0.0.1:8090')
  })

  it('needs --appid among several accounts, and a secret for a direct call', () => {
    const config = configWith([{ appid: APPID, secret: SECRET }, { appid: OTHER }])
    expect(() => resolveTarget({ config }, {})).toThrow(
      `accounts: 2 are configured (${APPID}, ${OTHER}) — pick one with --appid`,
    )
    expect(
      resolveTarget({ config, appid: APPID.toUpperCase().replace('WX', 'wx') }, {}).appid,
    ).toBe(APPID)
    expect(() => resolveTarget({ config, appid: OTHER }, {})).toThrow(`${OTHER} has no secret`)
    expect(() => resolveTarget({ config, appid: 'wx1111111111111111' }, {})).toThrow(
      'is not a configured account',
    )
    expect(() => resolveTarget({}, {})).toThrow('no account — set WXMP_APPID and WXMP_SECRET')
  })

  it('goes through the proxy or token service with a client key, for any AppID', () => {
    const viaProxy = resolveTarget(
      { proxy: 'http://proxy:8092/', appid: OTHER },
      { WXMP_CLIENT_KEY: 'k'.repeat(20) },
    )
    expect(viaProxy).toEqual({
      appid: OTHER,
      apiBase: undefined,
      route: { kind: 'proxy', url: 'http://proxy:8092', clientKey: 'k'.repeat(20) },
    })
    expect(() => resolveTarget({ proxy: 'http://proxy:8092', appid: OTHER }, {})).toThrow(
      '--proxy needs --client-key',
    )
    expect(() => resolveTarget({ proxy: 'ftp://x', clientKey: 'k', appid: OTHER }, {})).toThrow(
      '--proxy: "ftp://x" is not an http:// or https:// URL',
    )
    expect(() =>
      resolveTarget({ proxy: 'http://a', tokenService: 'http://b', clientKey: 'k' }, {}),
    ).toThrow('exclude each other')
    const viaService = resolveTarget(
      { clientKey: 'key' },
      { WXMP_TOKEN_SERVICE: 'http://token:8091', WXMP_APPID: APPID },
    )
    expect(viaService.route).toEqual({
      kind: 'token-service',
      url: 'http://token:8091',
      clientKey: 'key',
    })
  })
})

describe('wxmp API commands: configuration and the proxy route', () => {
  it('exits 2 naming the fix when no account is configured', async () => {
    const run = await wxmp(['menu', 'get'], {})
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('configuration error: accounts: no account')
  })

  it('sends calls to --proxy with the client key and no access_token', async () => {
    const seen: { url: string; headers: IncomingHttpHeaders }[] = []
    const proxy = createServer((request, response) => {
      seen.push({ url: request.url ?? '', headers: request.headers })
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify({ tags: [{ id: 2, name: '星标组', count: 0 }] }))
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = proxy.address() as { port: number }
      const run = await wxmp(
        ['tags', 'list', '--json', '--proxy', `http://127.0.0.1:${port}`, '--appid', APPID],
        { WXMP_CLIENT_KEY: 'proxy-client-key-0001' },
      )
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(stdoutJson(run)).toEqual({ tags: [{ id: 2, name: '星标组', count: 0 }] })
      expect(seen).toHaveLength(1)
      expect(seen[0]?.url).toBe('/cgi-bin/tags/get')
      expect(seen[0]?.headers.authorization).toBe('Bearer proxy-client-key-0001')
    } finally {
      await new Promise((resolve) => proxy.close(resolve))
    }
  })
})
