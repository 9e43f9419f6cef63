/**
 * Publishes the tutorial menu: uploads the poster as a permanent image, then `menu/create`.
 * Reads WXMP_APPID, WXMP_SECRET and WXMP_API_BASE (the emulator's URL in development).
 *
 *   WXMP_APPID=wx… WXMP_SECRET=… WXMP_API_BASE=http://127.0.0.1:8090 npx tsx examples/menu/publish-menu.ts
 */
import { createClient } from '@wxmp/sdk'
import type { Client } from '@wxmp/sdk'
import { tutorialMenu } from './menu.js'

// A 1×1 PNG stands in for the poster; put your own file's bytes here.
const POSTER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
)

/** Uploads the poster and creates the menu; resolves to the poster's media_id. */
export async function publishMenu(client: Client): Promise<string> {
  const poster = await client.material.add({
    type: 'image',
    media: { data: POSTER_PNG, filename: 'poster.png', contentType: 'image/png' },
  })
  await client.menu.create(tutorialMenu(poster.media_id))
  return poster.media_id
}

// Run as a script (not when a test imports publishMenu).
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const { WXMP_APPID, WXMP_SECRET, WXMP_API_BASE } = process.env
  if (WXMP_APPID === undefined || WXMP_SECRET === undefined) {
    console.error('set WXMP_APPID and WXMP_SECRET (and WXMP_API_BASE for the emulator)')
    process.exitCode = 2
  } else {
    const client = createClient({
      appid: WXMP_APPID,
      secret: WXMP_SECRET,
      ...(WXMP_API_BASE === undefined ? {} : { apiBase: WXMP_API_BASE }),
    })
    const mediaId = await publishMenu(client)
    console.log(`menu published (poster media_id ${mediaId})`)
  }
}
