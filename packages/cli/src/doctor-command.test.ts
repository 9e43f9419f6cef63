/**
 * `wxmp doctor` end to end: the built CLI against a served emulator, one config file per mistake.
 * Each mistake must fail its own check, exit 1, and print JSON that parses.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator, serveEmulator } from '@wxmp/emulator'
import type { ServedEmulator } from '@wxmp/emulator'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DoctorReport } from './doctor/index.js'
import { closedPort, skewedDateServer } from './doctor/network.test-support.js'
import { startCli } from './run-cli.test-support.js'

const GOOD = {
  appid: 'wx0123456789abcdef',
  secret: 'S3cretS3cretS3cretS3cretS3cret12',
  token: 'doctorToken2026',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  pushUrl: 'http://127.0.0.1:8080/wx',
  encryptMode: 'safe' as const,
}

let served: ServedEmulator | undefined
let apiBase = ''
beforeEach(async () => {
  served = await serveEmulator(createEmulator({ accounts: [GOOD], seed: 2 }))
  apiBase = served.url
})
afterEach(async () => {
  await served?.close()
})

function configFile(account: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wxmp-doctor-')), 'wxmp.json')
  writeFileSync(path, JSON.stringify({ apiBase, accounts: [account], ...extra }))
  return path
}

async function doctor(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | string; report: DoctorReport; stdout: string }> {
  const cli = startCli(['doctor', '--json', '--timeout-ms', '3000', ...args], env)
  const code = await cli.exited
  return { code, report: JSON.parse(cli.stdout()) as DoctorReport, stdout: cli.stdout() }
}

function failed(report: DoctorReport): string[] {
  return report.findings.filter((f) => f.status === 'fail').map((f) => f.check)
}

describe('wxmp doctor', () => {
  it('passes a correct configuration against the emulator and exits 0', async () => {
    const { code, report } = await doctor(['--config', configFile(GOOD)])
    expect(failed(report)).toEqual([])
    expect(report.ok).toBe(true)
    expect(code).toBe(0)
    const checks = report.findings.map((f) => f.check)
    for (const check of ['config', 'appid', 'token', 'aes-key', 'push-url', 'api-host', 'clock'])
      expect(checks).toContain(check)
    expect(report.findings.find((f) => f.check === 'ip-whitelist')?.status).toBe('ok')
  })

  it.each([
    ['a Token with characters WeChat refuses', { token: 'doctor-token_2026' }, 'token'],
    ['a Token that is too short', { token: 'ab' }, 'token'],
    ['an EncodingAESKey of 42 characters', { aesKey: GOOD.aesKey.slice(0, 42) }, 'aes-key'],
    ['an EncodingAESKey with the "=" padding', { aesKey: `${GOOD.aesKey}=` }, 'aes-key'],
    ['the original ID as the AppID', { appid: 'gh_0123456789ab' }, 'appid'],
    [
      'a public webhook URL on port 8080',
      { pushUrl: 'https://mp.example.com:8080/wx' },
      'push-url',
    ],
    ['a wrong AppSecret', { secret: 'WrongSecretWrongSecretWrongSecr1' }, 'credentials'],
  ])('detects %s', async (_what, change, check) => {
    const { code, report } = await doctor(['--config', configFile({ ...GOOD, ...change })])
    expect(failed(report)).toEqual([check])
    expect(report.findings.find((f) => f.status === 'fail')?.fix).toBeTruthy()
    expect(code).toBe(1)
  })

  it('detects a server outside the IP whitelist and names the address to add', async () => {
    await served?.close()
    const emulator = createEmulator({
      accounts: [GOOD],
      seed: 2,
      ipWhitelist: { [GOOD.appid]: ['203.0.113.9'] },
    })
    served = await serveEmulator(emulator)
    apiBase = served.url
    const { code, report } = await doctor(['--config', configFile(GOOD)])
    expect(code).toBe(1)
    const f = report.findings.find((x) => x.check === 'ip-whitelist')!
    expect(f.status).toBe('fail')
    expect(f.fix).toContain('add 127.0.0.1 in 基本配置 → IP白名单')
  })

  it('detects an unreachable API host from WXMP_API_BASE', async () => {
    const { code, report } = await doctor(['--config', configFile(GOOD)], {
      WXMP_API_BASE: await closedPort(),
    })
    expect(code).toBe(1)
    expect(failed(report)).toEqual(['api-host'])
    expect(report.findings.find((f) => f.check === 'clock')?.status).toBe('skip')
  })

  it('detects a clock ten minutes off the API host', async () => {
    apiBase = await skewedDateServer(-10 * 60_000)
    const { code, report } = await doctor(['--config', configFile({ ...GOOD, secret: undefined })])
    expect(code).toBe(1)
    const clock = report.findings.find((f) => f.check === 'clock')!
    expect(clock.status).toBe('fail')
    expect(clock.message).toMatch(/(599|600|601) s ahead of/)
  })

  it('prints each problem with its fix as text, never a secret', async () => {
    const secretToken = 'my-very-secret-token'
    const cli = startCli(['doctor', '--offline'], {
      WXMP_APPID: GOOD.appid,
      WXMP_TOKEN: secretToken,
      WXMP_SECRET: GOOD.secret,
    })
    expect(await cli.exited).toBe(1)
    expect(cli.stdout()).toMatch(
      /FAIL {2}token +accounts\[0\]\.token: the Token contains 3 characters/,
    )
    expect(cli.stdout()).toMatch(/\n +fix: choose a new Token/)
    expect(cli.stdout()).toContain('1 problem, 0 warnings')
    expect(cli.stdout() + cli.stderr()).not.toContain(secretToken)
    expect(cli.stdout()).not.toContain(GOOD.secret)
  })

  it('reports a config file it cannot read as a problem, not a crash', async () => {
    const { code, report } = await doctor(['--offline', '--config', '/nonexistent/wxmp.json'])
    expect(code).toBe(1)
    expect(report.findings[0]).toMatchObject({ check: 'config', status: 'fail' })
  })
})
