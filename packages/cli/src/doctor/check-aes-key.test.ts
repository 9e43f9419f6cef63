import { describe, expect, it } from 'vitest'
import { checkAesKey } from './check-aes-key.js'

const KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR'
const OLD = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

describe('checkAesKey', () => {
  it('accepts 43 letters and digits, and a distinct previous key', () => {
    const found = checkAesKey({ aesKey: KEY, previousAesKey: OLD }, 'accounts[0]')
    expect(found.map((f) => [f.subject, f.status])).toEqual([
      ['accounts[0].aesKey', 'ok'],
      ['accounts[0].previousAesKey', 'ok'],
    ])
  })

  it('explains a trailing "=" (base64 padding) instead of a bare length', () => {
    const [f] = checkAesKey({ aesKey: `${KEY}=` }, 'a')
    expect(f).toMatchObject({ status: 'fail', check: 'aes-key' })
    expect(f!.message).toContain('padding')
    expect(f!.fix).toContain('trailing "="')
  })

  it('fails a wrong length or a character outside the alphabet, never quoting the key', () => {
    const [short] = checkAesKey({ aesKey: KEY.slice(0, 42) }, 'a')
    expect(short!.message).toContain('42 characters')
    expect(short!.message).not.toContain(KEY.slice(0, 10))
    const [plus] = checkAesKey({ aesKey: `${KEY.slice(0, 42)}+` }, 'a')
    expect(plus!.status).toBe('fail')
    expect(plus!.message).toContain('other than letters and digits')
  })

  it('fails safe or compat mode without a key, and skips plaintext mode', () => {
    const [safe] = checkAesKey({ encryptMode: 'safe' }, 'a')
    expect(safe).toMatchObject({ status: 'fail' })
    expect(safe!.message).toContain('"safe"')
    expect(checkAesKey({ encryptMode: 'plain' }, 'a')[0]!.status).toBe('skip')
    expect(checkAesKey({}, 'a')[0]!.status).toBe('skip')
  })

  it('warns when the previous key is the current one (rotation cannot work)', () => {
    const [, previous] = checkAesKey({ aesKey: KEY, previousAesKey: KEY }, 'a')
    expect(previous).toMatchObject({ status: 'warn', subject: 'a.previousAesKey' })
  })
})
