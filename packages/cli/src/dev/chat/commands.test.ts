import { describe, expect, it } from 'vitest'
import { parseChatLine } from './commands.js'

describe('parseChatLine', () => {
  it('sends plain lines as text, trimmed, and // lines as text starting with /', () => {
    expect(parseChatLine('  你好 世界 ')).toEqual({ kind: 'text', content: '你好 世界' })
    expect(parseChatLine('//start')).toEqual({ kind: 'text', content: '/start' })
    expect(parseChatLine('   ')).toEqual({ kind: 'empty' })
  })

  it('reads the fan actions', () => {
    expect(parseChatLine('/subscribe')).toEqual({ kind: 'subscribe' })
    expect(parseChatLine('/UNSUBSCRIBE')).toEqual({ kind: 'unsubscribe' })
    expect(parseChatLine('/click V1001_GOOD')).toEqual({ kind: 'click', key: 'V1001_GOOD' })
    expect(parseChatLine('/click https://example.com/a')).toEqual({
      kind: 'view',
      url: 'https://example.com/a',
    })
    expect(parseChatLine('/help')).toEqual({ kind: 'help' })
    expect(parseChatLine('/quit')).toEqual({ kind: 'quit' })
    expect(parseChatLine('/exit')).toEqual({ kind: 'quit' })
  })

  it('takes the rest of the line as the /image path, spaces included', () => {
    expect(parseChatLine('/image ./my photos/cat.jpg')).toEqual({
      kind: 'image',
      file: './my photos/cat.jpg',
    })
    expect(parseChatLine('/image')).toMatchObject({ kind: 'invalid' })
  })

  it('sends a scene_id as a number and anything else as a scene_str', () => {
    expect(parseChatLine('/scan 42')).toEqual({ kind: 'scan', scene: 42 })
    expect(parseChatLine('/scan 4294967295')).toEqual({ kind: 'scan', scene: 4294967295 })
    expect(parseChatLine('/scan 4294967296')).toEqual({ kind: 'scan', scene: '4294967296' })
    expect(parseChatLine('/scan 007')).toEqual({ kind: 'scan', scene: '007' })
    expect(parseChatLine('/scan promo_2024')).toEqual({ kind: 'scan', scene: 'promo_2024' })
    expect(parseChatLine(`/scan ${'x'.repeat(65)}`)).toMatchObject({ kind: 'invalid' })
    expect(parseChatLine('/scan')).toMatchObject({ kind: 'invalid' })
    expect(parseChatLine('/scan a b')).toMatchObject({ kind: 'invalid' })
  })

  it('reads a location with an optional label and refuses impossible coordinates', () => {
    expect(parseChatLine('/location 23.134521 113.358803 广州 塔')).toEqual({
      kind: 'location',
      lat: 23.134521,
      lng: 113.358803,
      label: '广州 塔',
    })
    expect(parseChatLine('/location -33.9 -70')).toEqual({
      kind: 'location',
      lat: -33.9,
      lng: -70,
      label: '',
    })
    expect(parseChatLine('/location 91 0')).toEqual({
      kind: 'invalid',
      message: '/location: latitude 91 is not within ±90',
    })
    expect(parseChatLine('/location 0 180.5')).toMatchObject({ kind: 'invalid' })
    expect(parseChatLine('/location north 12')).toMatchObject({ kind: 'invalid' })
    expect(parseChatLine('/location 1e3 12')).toMatchObject({ kind: 'invalid' })
  })

  it('names the way out of an unknown command or stray arguments', () => {
    expect(parseChatLine('/start')).toEqual({
      kind: 'invalid',
      message: 'unknown command /start; /help lists them (//start sends it as text)',
    })
    expect(parseChatLine('/subscribe now')).toEqual({
      kind: 'invalid',
      message: '/subscribe takes no arguments',
    })
    expect(parseChatLine('/click a b')).toMatchObject({ kind: 'invalid' })
  })
})
