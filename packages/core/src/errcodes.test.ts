import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ERRCODE, ERRCODE_TABLE, errcodeHint, errcodeInfo, errcodeKind } from './errcodes.js'

// The protocol reference, vendored at the repository root (reference/README.md).
const REFERENCE = fileURLToPath(
  new URL('../../../reference/wechat-mp-protocol.md', import.meta.url),
)

/** Rows of the §7.1 table: the errcode cell expanded to codes, and the "errmsg seen" cell. */
function referenceGlobalCodes(markdown: string): { codes: number[]; errmsg: string }[] {
  const section = markdown.split('### 7.1')[1]?.split('### 7.2')[0] ?? ''
  return section
    .split('\n')
    .filter((line) => /^\| -?\d/.test(line))
    .map((line) => {
      const [codeCell = '', , errmsgCell = ''] = line
        .split('|')
        .slice(1)
        .map((c) => c.trim())
      return { codes: expandCodes(codeCell), errmsg: errmsgCell }
    })
}

/** `40009–40012` → four codes; `40048 / 40054 / 40055` and `65301–65305, 65316` → each code. */
function expandCodes(cell: string): number[] {
  return cell.split(/[/,]/).flatMap((part) => {
    const match = /^(-?\d+)(?:\s*–\s*(\d+))?$/.exec(part.trim())
    if (!match) return []
    const from = Number(match[1])
    const to = match[2] === undefined ? from : Number(match[2])
    return Array.from({ length: to - from + 1 }, (_, i) => from + i)
  })
}

describe('errcode table', () => {
  it('has no duplicate codes or keys', () => {
    const codes = ERRCODE_TABLE.map((row) => row.code)
    const keys = ERRCODE_TABLE.map((row) => row.key)
    expect(new Set(codes).size).toBe(codes.length)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('gives every code a SCREAMING_SNAKE key, a Chinese and an English description', () => {
    for (const row of ERRCODE_TABLE) {
      expect(row.key, String(row.code)).toMatch(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/)
      expect(row.zh, row.key).toMatch(/[\u4e00-\u9fff]/)
      expect(row.en.length, row.key).toBeGreaterThan(3)
    }
  })

  describe('against the protocol reference', () => {
    const rows = referenceGlobalCodes(readFileSync(REFERENCE, 'utf8'))

    it('contains every code of the §7.1 global return code table (0 is success, not an error)', () => {
      const codes = rows.flatMap((row) => row.codes).filter((code) => code !== 0)
      expect(codes.length).toBeGreaterThan(100)
      expect(codes.filter((code) => errcodeInfo(code) === undefined)).toEqual([])
    })

    it('records the errmsg the reference saw for single-code rows', () => {
      const literal = rows.filter(
        (row) => row.codes.length === 1 && row.codes[0] !== 0 && /^`[^`<…]+`/.test(row.errmsg),
      )
      expect(literal.length).toBeGreaterThan(20)
      for (const row of literal) {
        const seen = /^`([^`]+)`/.exec(row.errmsg)?.[1]
        expect(errcodeInfo(row.codes[0]!)?.errmsg, String(row.codes[0])).toBe(seen)
      }
    })
  })

  it('contains the endpoint-specific codes named in §5 and §6', () => {
    const named = [
      40016, 40017, 40018, 40019, 40020, 40023, 40024, 40025, 40026, 40027, 40029, 40030, 40163,
      42002, 42003, 45065, 45066, 45067, 45083, 45084, 45157, 45158, 45159, 65301, 65302, 65303,
      65304, 65305, 65316, 65320, 85005, 89501, 89503, 89504, 89505, 89506, 89507, 48006, 47003,
      43101, 45047, 10003, 10004, 10005, 10006, 10009, 10010, 10011, 10012, 10013, 10015, 10016,
    ]
    expect(named.filter((code) => errcodeInfo(code) === undefined)).toEqual([])
  })

  it('marks the WXBizMsgCrypt sample codes -40001…-40011 as local-only', () => {
    for (let code = -40001; code >= -40011; code--) expect(errcodeInfo(code)?.origin).toBe('local')
    const local = ERRCODE_TABLE.filter((row) => 'origin' in row && row.origin === 'local')
    expect(local.every((row) => row.code <= -40001)).toBe(true)
  })

  it('marks the OAuth consent-page codes as never coming from the HTTP API', () => {
    expect(errcodeInfo(10003)?.origin).toBe('oauth-page')
    expect(errcodeInfo(10016)?.origin).toBe('oauth-page')
    expect(errcodeInfo(40029)?.origin).toBeUndefined()
  })
})

describe('ERRCODE and errcodeInfo', () => {
  it('map readable keys to codes and codes back to their rows', () => {
    expect(ERRCODE.ACCESS_TOKEN_EXPIRED).toBe(42001)
    expect(ERRCODE.INVALID_BUTTON_NAME_SIZE).toBe(40018)
    expect(ERRCODE.IP_NOT_WHITELISTED).toBe(40164)
    expect(errcodeInfo(45009)).toMatchObject({ key: 'API_QUOTA_EXCEEDED', kind: 'quota' })
  })

  it('returns undefined for a code WeChat might add later', () => {
    expect(errcodeInfo(99999)).toBeUndefined()
  })
})

describe('errcodeKind', () => {
  it('treats 40001 from the token endpoints as a wrong AppSecret, elsewhere as a rejected token', () => {
    expect(errcodeKind(40001, 'token.get')).toBe('config')
    expect(errcodeKind(40001, 'token.stable')).toBe('config')
    expect(errcodeKind(40001, 'menu.create')).toBe('token')
    expect(errcodeKind(40001)).toBe('token')
  })

  it('classifies the codes the retry policy depends on', () => {
    expect(errcodeKind(40014)).toBe('token')
    expect(errcodeKind(42001)).toBe('token')
    expect(errcodeKind(-1)).toBe('transient')
    expect(errcodeKind(45009)).toBe('quota')
    expect(errcodeKind(48001)).toBe('permission')
    expect(errcodeKind(40164)).toBe('config')
    expect(errcodeKind(40125, 'menu.create')).toBe('config')
    expect(errcodeKind(40018)).toBe('invalid')
  })

  it('treats unknown codes as invalid, so they are never retried', () => {
    expect(errcodeKind(99999)).toBe('invalid')
    expect(errcodeKind(12345, 'token.get')).toBe('invalid')
  })
})

describe('errcodeHint', () => {
  it('names the caller IP from a 40164 errmsg', () => {
    const hint = errcodeHint(40164, {
      errmsg:
        'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 6397e9df-300dd594-2a66aff9',
    })
    expect(hint).toContain('203.0.113.7')
    expect(hint).toContain('IP白名单')
  })

  it('still explains 40164 when the errmsg carries no IP', () => {
    expect(errcodeHint(40164)).toContain('IP白名单')
    expect(errcodeHint(40164)).not.toContain('{ip}')
  })

  it('tells a wrong AppSecret from a replaced token for 40001', () => {
    expect(errcodeHint(40001, { endpoint: 'token.stable' })).toContain('AppSecret')
    expect(errcodeHint(40001, { endpoint: 'user.get' })).toContain('single token service')
    expect(errcodeHint(40125)).toContain('AppSecret')
  })

  it('gives the fix for the quota, confirmation, permission and reply-window traps', () => {
    expect(errcodeHint(45009)).toMatch(/clear_quota.*|midnight/)
    expect(errcodeHint(45009)).toContain('midnight Beijing')
    expect(errcodeHint(89503)).toContain('administrator')
    expect(errcodeHint(48001)).toContain('接口权限')
    expect(errcodeHint(45015)).toContain('48 h')
  })

  it('has no hint for ordinary validation errors', () => {
    expect(errcodeHint(40018)).toBeUndefined()
    expect(errcodeHint(99999)).toBeUndefined()
  })
})
