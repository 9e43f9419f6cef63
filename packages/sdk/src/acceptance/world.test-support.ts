/**
 * The SDK acceptance suite's world: one seeded emulator on a virtual clock, a typed client wired
 * to its in-process fetch (no port), and the arrangements scenarios share (a follower, an uploaded
 * image, a draft, a tag…), each made through the client itself.
 */
import { VirtualClock } from '@wxmp/core'
import { createEmulator } from '@wxmp/emulator'
import type { Emulator } from '@wxmp/emulator'
import type { DownloadedFile } from '@wxmp/spec'
import { expect } from 'vitest'
import { createClient } from '../client.js'
import type { Client } from '../client.js'
import { APPID, SECRET } from '../sdk.test.helpers.js'
import { staticTokenSource } from '../token/token-source.js'

/** A JPEG-looking payload: start and end markers around a few bytes. */
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xd9])

/** An AMR voice payload (`#!AMR\n` header, then a few frames' worth of bytes). */
export const AMR = new Uint8Array([0x23, 0x21, 0x41, 0x4d, 0x52, 0x0a, 9, 8, 7, 6, 5, 4, 3, 2])

/** An OpenID no fan of the account has. */
export const STRANGER = 'oNoSuchFan000000000000000000'

/** Where the OAuth consent redirects. */
export const REDIRECT_URI = 'https://app.example.com/callback'

/** One scenario's view of the emulator and the client. */
export interface World {
  readonly clock: VirtualClock
  readonly emulator: Emulator
  readonly appid: string
  /** The client under test: secret-based, answers checked against the table's schemas. */
  readonly client: Client
  /** A follower's OpenID (the first demo fan who follows). */
  follower(): string
  /** A known fan who no longer follows. */
  formerFollower(): string
  /** Every follower's OpenID. */
  followers(): string[]
  /** Uploads temporary media; returns its media_id. */
  temporaryMedia(type: 'image' | 'voice' | 'video' | 'thumb'): Promise<string>
  /** Adds a permanent image (the bytes of `JPEG`); returns its media_id. */
  permanentImage(): Promise<string>
  /** Creates a tag; returns its id. */
  tag(name?: string): Promise<number>
  /** Another client on this emulator that always sends `token` (static source, no secret). */
  clientWithToken(token: string): Client
}

const FILES = {
  image: { data: JPEG, filename: 'photo.jpg' },
  voice: { data: AMR, filename: 'voice.amr' },
  video: { data: JPEG, filename: 'clip.mp4' },
  thumb: { data: JPEG, filename: 'thumb.jpg' },
} as const

let tagCount = 0

/** A fresh emulator and client; nothing is shared between worlds. */
export function createWorld(): World {
  const clock = new VirtualClock()
  const emulator = createEmulator({
    accounts: [{ appid: APPID, secret: SECRET, token: 'sdktoken', encryptMode: 'plain' }],
    clock,
    seed: 2026,
  })
  const client = createClient({
    appid: APPID,
    secret: SECRET,
    fetch: (request) => emulator.fetch(request),
    clock,
    validateResponses: true,
  })
  const fans = () => emulator.fans.list(APPID)
  const first = (subscribed: boolean): string => {
    const fan = fans().find((candidate) => candidate.subscribed === subscribed)
    if (!fan) throw new Error(`the demo account has no ${subscribed ? '' : 'former '}follower`)
    return fan.openid
  }
  return {
    clock,
    emulator,
    appid: APPID,
    client,
    follower: () => first(true),
    formerFollower: () => first(false),
    followers: () => fans().flatMap((fan) => (fan.subscribed ? [fan.openid] : [])),
    temporaryMedia: async (type) =>
      (await client.media.upload({ type, media: FILES[type] })).media_id,
    permanentImage: async () =>
      (await client.material.add({ type: 'image', media: { data: JPEG, filename: 'cover.jpg' } }))
        .media_id,
    tag: async (name = `tag${++tagCount}`) => (await client.tags.create({ tag: { name } })).tag.id,
    clientWithToken: (token) =>
      createClient({
        appid: APPID,
        tokenSource: staticTokenSource({ [APPID]: token }),
        fetch: (request) => emulator.fetch(request),
        clock,
      }),
  }
}

/** Asserts `value` is a downloaded file holding exactly `bytes`. */
export function expectFile(value: unknown, bytes: Uint8Array): DownloadedFile {
  const file = value as DownloadedFile
  expect(file.data).toBeInstanceOf(Uint8Array)
  expect(new Uint8Array(file.data)).toEqual(bytes)
  return file
}

/** Asserts a 64-bit id arrived as a string of digits (never a rounded number). */
export function expectId64(value: unknown): void {
  expect(typeof value).toBe('string')
  expect(value).toMatch(/^\d+$/)
}
