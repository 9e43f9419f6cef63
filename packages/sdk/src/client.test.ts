/** The typed client against the emulator: one success per call shape, across scopes. */
import { Readable } from 'node:stream'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allEndpoints } from '@wxmp/spec'
import type { DownloadedFile } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { APPID, setup } from './sdk.test.helpers.js'

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xd9])

describe('createClient', () => {
  it('has a method for every entry of the table, grouped by scope', () => {
    const { client } = setup()
    for (const entry of allEndpoints) {
      const scope = (client as unknown as Record<string, Record<string, unknown>>)[entry.scope]
      expect(typeof scope?.[entry.name], entry.id).toBe('function')
    }
    expect(client.appid).toBe(APPID)
  })

  it('creates, reads and deletes a menu', async () => {
    const { client } = setup()
    const button = [{ type: 'click' as const, name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }]
    expect(await client.menu.create({ button })).toMatchObject({ errcode: 0 })
    const menu = await client.menu.get()
    expect(menu.menu.button[0]).toMatchObject({ name: '今日歌曲', key: 'V1001_TODAY_MUSIC' })
    await client.menu.delete()
    await expect(client.menu.get()).rejects.toMatchObject({ errcode: 46003, kind: 'invalid' })
  })

  it('manages tags and reads followers', async () => {
    const { client, follower } = setup()
    const { tag } = await client.tags.create({ tag: { name: '老顾客' } })
    await client.tags.batchTagging({ openid_list: [follower()], tagid: tag.id })
    expect((await client.tags.getIdList({ openid: follower() })).tagid_list).toContain(tag.id)
    const users = await client.user.get()
    expect(users.data?.openid).toContain(follower())
    const info = await client.user.info({ openid: follower(), lang: 'zh_CN' })
    expect(info.openid).toBe(follower())
  })

  it('keeps a 64-bit template msgid exact, as a string', async () => {
    const { client, emulator, follower } = setup()
    const [template] = emulator.state.templates.list(APPID)
    const sent = await client.template.send({
      touser: follower(),
      template_id: template!.template_id,
      data: {
        character_string1: { value: 'DD20260101000123' },
        thing2: { value: '巧克力礼盒' },
        amount3: { value: '39.80元' },
        time4: { value: '2026年1月1日 12:30' },
      },
    })
    expect(sent.msgid).toMatch(/^\d{19}$/)
    expect(BigInt(sent.msgid)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER))
  })

  it('uploads bytes as multipart and downloads the same bytes back', async () => {
    const { client } = setup()
    const uploaded = await client.media.upload({
      type: 'image',
      media: { data: Buffer.from(JPEG), filename: 'cat.jpg' },
    })
    expect(uploaded.type).toBe('image')
    const file = (await client.media.get({ media_id: uploaded.media_id })) as DownloadedFile
    expect(file.data).toEqual(JPEG)
    expect(file.contentType).toBe('image/jpeg')
    expect(file.filename).toBe('cat.jpg')
  })

  it('uploads from a file path and from a stream', async () => {
    const { client } = setup()
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-sdk-'))
    const path = join(dir, 'cover.png')
    writeFileSync(path, JPEG)
    const fromPath = await client.material.add({ type: 'image', media: { path } })
    expect(fromPath.media_id).toBeTruthy()
    const fromStream = await client.media.uploadImg({
      media: { data: Readable.from([Buffer.from(JPEG)]), filename: 'inline.jpg' },
    })
    expect(fromStream.url).toMatch(/^https?:\/\//)
  })

  it('uploads a customer-service head image (query plus file)', async () => {
    const { client } = setup()
    await client.kfAccount.add({ kf_account: 'kf2001@gh_test', nickname: '小助手' })
    const answer = await client.kfAccount.uploadHeadImg({
      kf_account: 'kf2001@gh_test',
      media: { data: JPEG, filename: 'head.jpg' },
    })
    expect(answer).toMatchObject({ errcode: 0 })
  })

  it('downloads a QR code image from mp.weixin.qq.com', async () => {
    const { client } = setup()
    const qr = await client.qrcode.create({
      action_name: 'QR_LIMIT_SCENE',
      action_info: { scene: { scene_id: 42 } },
    })
    const image = await client.qrcode.show({ ticket: qr.ticket })
    expect(image.contentType).toMatch(/^image\//)
    expect(image.data.byteLength).toBeGreaterThan(0)
  })

  it('fills appid and secret for the OAuth code exchange and reads the consent redirect', async () => {
    const { client, follower } = setup()
    const consent = await client.oauth.authorize({
      redirect_uri: 'https://example.com/cb',
      scope: 'snsapi_base',
      state: 's1',
    })
    expect(consent.state).toBe('s1')
    const web = await client.oauth.accessToken({ code: consent.code! })
    expect(web.openid).toBe(follower())
    await expect(
      client.oauth.auth({ access_token: web.access_token, openid: web.openid }),
    ).resolves.toMatchObject({ errcode: 0 })
  })

  it('publishes a draft and reads the publish job by its 64-bit publish_id', async () => {
    const { client, clock } = setup()
    const cover = await client.material.add({
      type: 'image',
      media: { data: JPEG, filename: 'cover.jpg' },
    })
    const draft = await client.draft.add({
      articles: [{ title: '春季上新', content: '<p>正文</p>', thumb_media_id: cover.media_id }],
    })
    const job = await client.freepublish.submit({ media_id: draft.media_id })
    expect(typeof job.publish_id).toBe('string')
    await clock.advanceAsync(60_000)
    const status = await client.freepublish.get({ publish_id: job.publish_id })
    expect(status).toMatchObject({ publish_id: job.publish_id, publish_status: 0 })
  })

  it('sends a mass message and keeps msg_id and msg_data_id as strings', async () => {
    const { client, emulator } = setup()
    const followers = emulator.fans
      .list(APPID)
      .filter((fan) => fan.subscribed)
      .map((fan) => fan.openid)
    const sent = await client.mass.send({
      touser: followers.slice(0, 2),
      msgtype: 'text',
      text: { content: '周末活动' },
    })
    expect(sent.msg_id).toMatch(/^\d+$/)
    await expect(client.mass.get({ msg_id: sent.msg_id })).resolves.toMatchObject({
      msg_id: sent.msg_id,
    })
  })

  it('calls a route of the table through request() with the same auth', async () => {
    const { client } = setup()
    const tags = await client.request<{ tags: unknown[] }>('GET /cgi-bin/tags/get')
    expect(Array.isArray(tags.tags)).toBe(true)
  })

  it('sends an unknown route through request() and surfaces WeChat’s errcode', async () => {
    const { client, calls } = setup()
    await expect(
      client.request('POST /cgi-bin/not/a/route', { body: { a: 1 } }),
    ).rejects.toMatchObject({
      code: 'WX_ERR_API',
      errcode: 40066,
      endpoint: 'POST /cgi-bin/not/a/route',
    })
    expect(await calls('/cgi-bin/not/a/route')).toBe(1)
  })
})
