import { describe, expect, it } from 'vitest'
import { fileLimitFor, isMultipart, KB, MB } from './multipart.js'
import { endpoints } from './table.js'

describe('upload limits', () => {
  const temporary = endpoints['media.upload'].body.files.media
  const permanent = endpoints['material.add'].body.files.media

  it('picks the limits of temporary media by type (§6.2)', () => {
    expect(fileLimitFor(temporary, { type: 'image' })).toEqual({
      maxBytes: 10 * MB,
      extensions: ['png', 'jpeg', 'jpg', 'gif'],
    })
    expect(fileLimitFor(temporary, { type: 'voice' })?.maxSeconds).toBe(60)
    expect(fileLimitFor(temporary, { type: 'thumb' })?.maxBytes).toBe(64 * KB)
  })

  it('accepts more formats for permanent material (§6.3)', () => {
    expect(fileLimitFor(permanent, { type: 'image' })?.extensions).toContain('bmp')
    expect(fileLimitFor(permanent, { type: 'voice' })?.extensions).toEqual([
      'mp3',
      'wma',
      'wav',
      'amr',
    ])
  })

  it('has no limits for a type WeChat does not accept, or a missing type', () => {
    expect(fileLimitFor(temporary, { type: 'pdf' })).toBeUndefined()
    expect(fileLimitFor(temporary, { type: 'toString' })).toBeUndefined()
    expect(fileLimitFor(temporary)).toBeUndefined()
  })

  it('uses the single set of limits when there is no selector', () => {
    const part = endpoints['media.uploadImg'].body.files.media
    expect(fileLimitFor(part)).toEqual({ maxBytes: 1 * MB, extensions: ['jpg', 'png'] })
  })

  it('tells multipart bodies from JSON schemas', () => {
    expect(isMultipart(endpoints['media.upload'].body)).toBe(true)
    expect(isMultipart(endpoints['menu.create'].body)).toBe(false)
  })
})
