import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'

// One button of every API type, to pin how each is shown.
const EVERY_TYPE = {
  button: [
    { type: 'click', name: '点击', key: 'K_CLICK' },
    {
      name: '网页',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        {
          type: 'miniprogram',
          name: 'wxa',
          url: 'http://mp.weixin.qq.com',
          appid: 'wx286b93c14bbf93aa',
          pagepath: 'pages/lunar/index',
        },
        { type: 'scancode_push', name: '扫码', key: 'K_SCAN' },
        { type: 'location_select', name: '位置', key: 'K_LOC' },
      ],
    },
    {
      name: '素材',
      sub_button: [
        { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1' },
        { type: 'view_limited', name: '图文', media_id: 'MEDIA_ID2' },
        { type: 'article_id', name: '文章', article_id: 'ARTICLE_ID1' },
        { type: 'article_view_limited', name: '文章2', article_id: 'ARTICLE_ID2' },
      ],
    },
  ],
}

async function setup() {
  const h = harness()
  const access_token = await h.token()
  const current = () => h.call('GET', '/cgi-bin/get_current_selfmenu_info', { access_token })
  const call = (method: string, path: string, body?: unknown) =>
    h.call(method, path, { access_token }, body)
  return { current, call }
}

describe('get_current_selfmenu_info (§6.1)', () => {
  it('answers is_menu_open 0 without selfmenu_info while there is no menu', async () => {
    const { current, call } = await setup()
    const none = await current()
    expectValidResponse('menu.getCurrent', none)
    expect(none).toEqual({ is_menu_open: 0 })

    await call('POST', '/cgi-bin/menu/create', EVERY_TYPE)
    await call('GET', '/cgi-bin/menu/delete')
    expect(await current()).toEqual({ is_menu_open: 0 })
  })

  it('shows an API menu in its own format: sub_button {list}, one value field per type', async () => {
    const { current, call } = await setup()
    await call('POST', '/cgi-bin/menu/create', EVERY_TYPE)
    const answer = await current()
    expectValidResponse('menu.getCurrent', answer)
    expect(answer).toEqual({
      is_menu_open: 1,
      selfmenu_info: {
        button: [
          { type: 'click', name: '点击', key: 'K_CLICK' },
          {
            name: '网页',
            sub_button: {
              list: [
                { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
                {
                  type: 'miniprogram',
                  name: 'wxa',
                  url: 'http://mp.weixin.qq.com',
                  appid: 'wx286b93c14bbf93aa',
                  pagepath: 'pages/lunar/index',
                },
                { type: 'scancode_push', name: '扫码', key: 'K_SCAN' },
                { type: 'location_select', name: '位置', key: 'K_LOC' },
              ],
            },
          },
          {
            name: '素材',
            sub_button: {
              list: [
                { type: 'media_id', name: '图片', value: 'MEDIA_ID1' },
                { type: 'view_limited', name: '图文', value: 'MEDIA_ID2' },
                { type: 'article_id', name: '文章', value: 'ARTICLE_ID1' },
                { type: 'article_view_limited', name: '文章2', value: 'ARTICLE_ID2' },
              ],
            },
          },
        ],
      },
    })
  })

  it('shows the default menu only, not the conditional menus', async () => {
    const { current, call } = await setup()
    await call('POST', '/cgi-bin/menu/create', { button: [{ type: 'click', name: 'd', key: 'D' }] })
    await call('POST', '/cgi-bin/menu/addconditional', {
      button: [{ type: 'click', name: 'c', key: 'C' }],
      matchrule: { tag_id: '2' },
    })
    expect(await current()).toEqual({
      is_menu_open: 1,
      selfmenu_info: { button: [{ type: 'click', name: 'd', key: 'D' }] },
    })
  })

  it('is a GET (43001) and needs a token (41001)', async () => {
    const { call } = await setup()
    expectError(
      await call('POST', '/cgi-bin/get_current_selfmenu_info', {}),
      ERRCODE.REQUIRE_GET_METHOD,
    )
    const h = harness()
    expectError(
      await h.call('GET', '/cgi-bin/get_current_selfmenu_info'),
      ERRCODE.ACCESS_TOKEN_MISSING,
    )
  })
})
