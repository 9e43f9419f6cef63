import { describe, expect, it } from 'vitest'
import { checkToken } from './check-token.js'

describe('checkToken', () => {
  it('accepts 3 to 32 letters and digits, trimming a pasted newline', () => {
    expect(checkToken('abc', 't').status).toBe('ok')
    expect(checkToken('A'.repeat(32), 't').status).toBe('ok')
    expect(checkToken('wxmpToken2026\n', 't').status).toBe('ok')
  })

  it('fails a token that is too short or too long, saying the length', () => {
    const short = checkToken('ab', 'accounts[0].token')
    expect(short).toMatchObject({ check: 'token', status: 'fail', subject: 'accounts[0].token' })
    expect(short.message).toContain('2 characters')
    expect(checkToken('x'.repeat(33), 't').message).toContain('33 characters')
  })

  it('fails punctuation and spaces without quoting the secret', () => {
    const dashed = checkToken('my-secret_token', 't')
    expect(dashed.status).toBe('fail')
    expect(dashed.message).toContain('2 characters other than letters and digits')
    expect(dashed.message).not.toContain('my-secret')
    expect(dashed.fix).toMatch(/3–32 letters and digits/)
    expect(checkToken('two words', 't').message).toContain('a space')
  })

  it('fails a missing or non-text token', () => {
    expect(checkToken(undefined, 't').status).toBe('fail')
    expect(checkToken(12345, 't').message).toContain('number')
  })
})
