import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkSchema } from './check-schema.js'
import { gatherConfig } from './gather-config.js'

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wxmp-doctor-')), 'wxmp.json')
  writeFileSync(path, content)
  return path
}

describe('gatherConfig', () => {
  it('keeps invalid values as written and lets WXMP_* override the first account', () => {
    const path = file(
      JSON.stringify({
        accounts: [{ appid: 'wx12', token: 'a-b' }, { appid: 'x' }],
        apiBase: 'http://e/',
      }),
    )
    const got = gatherConfig({ WXMP_TOKEN: 'fromEnv', WXMP_AES_KEY: '  ' }, path)
    expect(got.fileProblem).toBeUndefined()
    expect(got.apiBase).toBe('http://e')
    expect(got.accounts.map((a) => a.prefix)).toEqual(['accounts[0]', 'accounts[1]'])
    expect(got.accounts[0]!.fields).toEqual({ appid: 'wx12', token: 'fromEnv' })
  })

  it('builds the first account from variables alone and defaults to WeChat', () => {
    const got = gatherConfig(
      { WXMP_APPID: 'wx0123456789abcdef', WXMP_API_BASE: 'http://127.0.0.1:1/' },
      undefined,
    )
    expect(got.accounts).toEqual([
      { prefix: 'accounts[0]', fields: { appid: 'wx0123456789abcdef' } },
    ])
    expect(got.apiBase).toBe('http://127.0.0.1:1')
    expect(gatherConfig({}, undefined).apiBase).toBe('https://api.weixin.qq.com')
  })

  it('reports a missing or broken file without quoting it', () => {
    expect(gatherConfig({}, '/nonexistent/wxmp.json').fileProblem).toContain('ENOENT')
    const broken = gatherConfig({}, file('{"accounts": [{"secret": "TopSecretValue"},]}'))
    expect(broken.fileProblem).toContain('not valid JSON')
    expect(broken.fileProblem).not.toContain('TopSecret')
    expect(gatherConfig({ WXMP_CONFIG: file('[]') }, undefined).fileProblem).toContain(
      'JSON object',
    )
  })
})

describe('checkSchema', () => {
  const good = { appid: 'wx0123456789abcdef', token: 'goodToken' }

  it('passes what loadConfig accepts', () => {
    expect(checkSchema({}, file(JSON.stringify({ accounts: [good] })))).toEqual([
      expect.objectContaining({ check: 'config', status: 'ok' }),
    ])
  })

  it('reports other problems, one finding each, with the fix and the source', () => {
    const path = file(JSON.stringify({ accounts: [good], prot: 80, logLevel: 'loud' }))
    const found = checkSchema({}, path)
    expect(found.map((f) => f.subject).sort()).toEqual(['logLevel', 'prot'])
    const level = found.find((f) => f.subject === 'logLevel')!
    expect(level.status).toBe('fail')
    expect(level.fix).toBeDefined()
    expect(level.message).toContain(`config file ${path}`)
  })

  it('leaves out fields the dedicated checks report', () => {
    const path = file(JSON.stringify({ accounts: [{ appid: 'gh_x', token: 'a-b' }] }))
    expect(checkSchema({}, path)).toEqual([])
  })
})
