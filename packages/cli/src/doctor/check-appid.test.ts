import { describe, expect, it } from 'vitest'
import { checkAppid } from './check-appid.js'

describe('checkAppid', () => {
  it('accepts wx + 16 hex digits, in either case', () => {
    expect(checkAppid('wx0123456789abcdef', 'a')).toMatchObject({ status: 'ok' })
    expect(checkAppid('WX0123456789ABCDEF', 'a').message).toBe('wx0123456789abcdef')
  })

  it('recognises the original ID pasted as the AppID', () => {
    const f = checkAppid('gh_0123456789ab', 'a')
    expect(f.status).toBe('fail')
    expect(f.message).toContain('原始ID')
    expect(f.fix).toContain('originalId')
  })

  it('recognises an AppSecret pasted as the AppID without quoting it', () => {
    const secret = 'S3cretS3cretS3cretS3cretS3cret12'
    const f = checkAppid(secret, 'a')
    expect(f.status).toBe('fail')
    expect(f.message).toContain('AppSecret')
    expect(JSON.stringify(f)).not.toContain(secret)
  })

  it('fails other shapes, quoting short values only', () => {
    expect(checkAppid('wx0123', 'a').message).toContain('"wx0123"')
    expect(checkAppid('wx0123456789abcdeg', 'a').status).toBe('fail')
    expect(checkAppid(undefined, 'a').status).toBe('fail')
  })
})
