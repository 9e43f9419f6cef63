/** Shared by the draft, freepublish and news material tests: an account with pictures to use. */
import { harness } from '../emulator.test.helpers.js'
import type { Harness, Json } from '../emulator.test.helpers.js'

const API = 'https://api.weixin.qq.com'

/** A harness with a token and a permanent image and thumb to use as covers. */
export interface ArticleHarness extends Harness {
  readonly access_token: string
  readonly image: string
  readonly thumb: string
  /** A JSON POST with the token. */
  post(path: string, body: unknown): Promise<Json>
  /** A GET with the token. */
  get(path: string): Promise<Json>
  /** Adds permanent material through `add_material`; returns its media_id. */
  material(type: 'image' | 'thumb' | 'voice', filename: string): Promise<string>
}

/** A fresh emulator, token and two covers (an image and a thumb). */
export async function articleHarness(): Promise<ArticleHarness> {
  const h = harness()
  const access_token = await h.token()
  const material = async (type: string, filename: string): Promise<string> => {
    const form = new FormData()
    form.append('media', new Blob([new Uint8Array([1, 2, 3])]), filename)
    const url = `${API}/cgi-bin/material/add_material?access_token=${access_token}&type=${type}`
    const response = await h.emulator.fetch(new Request(url, { method: 'POST', body: form }))
    return String(((await response.json()) as Json).media_id)
  }
  return {
    ...h,
    access_token,
    image: await material('image', 'cover.png'),
    thumb: await material('thumb', 'thumb.jpg'),
    post: (path, body) => h.call('POST', path, { access_token }, body),
    get: (path) => h.call('GET', path, { access_token }),
    material,
  }
}

/** A valid `news` article with `thumb` as its cover; `fields` override. */
export function article(
  thumb: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    title: '标题',
    author: '作者',
    content: '<p>正文 body text</p>',
    thumb_media_id: thumb,
    ...fields,
  }
}
