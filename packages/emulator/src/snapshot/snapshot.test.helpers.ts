/** Helpers for the snapshot tests: a temp file, and JSON calls against any emulator. */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { Emulator } from '../emulator.js'
import { APPID, SECRET } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'

const API = 'https://api.weixin.qq.com'

/** A path in a fresh temp directory (the file does not exist yet). */
export function tempSnapshotFile(name = 'emulator.sqlite'): string {
  return join(mkdtempSync(join(tmpdir(), 'wxmp-snapshot-')), name)
}

/** Calls against one emulator of the demo account. */
export interface Client {
  /** A new classic token. */
  token(): Promise<string>
  /** A JSON call; `query` carries `access_token` (none for the inspection API). */
  call(method: string, path: string, query?: Record<string, string>, body?: unknown): Promise<Json>
  /** A multipart upload; answers the JSON. */
  upload(path: string, token: string, type: string, bytes: Uint8Array, name: string): Promise<Json>
  /** A download's bytes (`media/get` by GET, `material/get_material` by POST). */
  download(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    mediaId: string,
  ): Promise<Uint8Array>
}

/** A client of `emulator`. */
export function clientOf(emulator: Emulator): Client {
  const call: Client['call'] = async (method, path, query = {}, body) => {
    const response = await emulator.handle({
      method,
      path,
      query: new URLSearchParams(query).toString(),
      body: body === undefined ? '' : JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    return JSON.parse(String(response.body)) as Json
  }
  return {
    call,
    token: async () => {
      const response = await emulator.handle({
        method: 'GET',
        path: '/cgi-bin/token',
        query: `grant_type=client_credential&appid=${APPID}&secret=${SECRET}`,
        body: '',
      })
      return String((JSON.parse(String(response.body)) as Json).access_token)
    },
    upload: async (path, token, type, bytes, name) => {
      const form = new FormData()
      form.append('media', new Blob([new Uint8Array(bytes)]), name)
      const url = `${API}${path}?access_token=${token}&type=${type}`
      const response = await emulator.fetch(new Request(url, { method: 'POST', body: form }))
      return (await response.json()) as Json
    },
    download: async (method, path, token, mediaId) => {
      const url =
        method === 'GET'
          ? `${API}${path}?access_token=${token}&media_id=${mediaId}`
          : `${API}${path}?access_token=${token}`
      const init = method === 'GET' ? {} : { method, body: JSON.stringify({ media_id: mediaId }) }
      const response = await emulator.fetch(new Request(url, init))
      return new Uint8Array(await response.arrayBuffer())
    },
  }
}

/** `size` bytes of a recognizable pattern. */
export function pattern(size: number, salt: number): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 13 + salt) & 0xff
  return out
}
