import { describe, expect, it } from 'vitest'
import { mediaTypeOf } from '../../api/files.js'
import { qrOptions } from './qrcode.js'
import { templateData } from './send.js'
import { tagId } from './tags.js'
import { span } from './token-status.js'

describe('argument parsing of the API commands', () => {
  it('reads the media type from the extension unless --type says otherwise', () => {
    expect(mediaTypeOf('a/photo.JPG', undefined)).toBe('image')
    expect(mediaTypeOf('song.mp3', undefined)).toBe('voice')
    expect(mediaTypeOf('clip.mp4', undefined)).toBe('video')
    expect(mediaTypeOf('cover.jpg', 'thumb')).toBe('thumb')
    expect(() => mediaTypeOf('cover.jpg', 'sticker')).toThrow('--type: "sticker" is not one of')
    expect(() => mediaTypeOf('README', undefined)).toThrow('give --type')
  })

  it('turns --data pairs into template data, with .color and "=" inside values', () => {
    expect(templateData(['thing1=a=b', 'thing1.color=#FF0000', 'time2=10:00'])).toEqual({
      thing1: { value: 'a=b', color: '#FF0000' },
      time2: { value: '10:00' },
    })
    expect(() => templateData(['=x'])).toThrow('"=x" is not key=value')
  })

  it('reads a scene as scene_id when it is digits, and keeps --expire and --permanent apart', () => {
    expect(qrOptions({ scene: '42' })).toEqual({ scene: 42 })
    expect(qrOptions({ scene: 'a42', expire: '600' })).toEqual({ scene: 'a42', expireSeconds: 600 })
    expect(qrOptions({ scene: '1', permanent: true })).toEqual({ scene: 1, permanent: true })
    expect(() => qrOptions({ scene: 'x', expire: '1h' })).toThrow('is not a number of seconds')
  })

  it('reads tag ids and renders spans', () => {
    expect(tagId(' 100 ')).toBe(100)
    expect(() => tagId('-1')).toThrow('not a whole number')
    expect(span(7140)).toBe('1h 59m')
    expect(span(61)).toBe('1m 1s')
    expect(span(5)).toBe('5s')
    expect(span(0)).toBe('expired')
  })
})
