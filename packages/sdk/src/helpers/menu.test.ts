/**
 * Menu-as-code against the emulator: a menu `validateMenu` passes is accepted, and each limit it
 * reports is one the emulator refuses with the same errcode, so the two agree.
 */
import { ERRCODE, isWxApiError } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, SECRET, setup } from '../sdk.test.helpers.js'
import type { Setup } from '../sdk.test.helpers.js'
import { defineMenu, validateMenu } from './menu.js'
import type { MenuButton } from './menu.js'

const VALID: MenuButton[] = [
  { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
  {
    name: '菜单',
    sub_button: [
      { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
      { type: 'scancode_waitmsg', name: '扫码带提示', key: 'rselfmenu_0_0' },
      { type: 'pic_weixin', name: '微信相册发图', key: 'rselfmenu_1_2' },
      { type: 'location_select', name: '发送位置', key: 'rselfmenu_2_0' },
    ],
  },
  { type: 'view', name: '官网', url: 'https://example.com/' },
]

/** Posts `body` to menu/create as is (no client-side schema), answering WeChat's errcode. */
async function emulatorErrcode(world: Setup, body: unknown): Promise<number> {
  const base = 'http://emulator/cgi-bin'
  const grant = `grant_type=client_credential&appid=${APPID}&secret=${SECRET}`
  const token = (await (
    await world.emulator.fetch(new Request(`${base}/token?${grant}`))
  ).json()) as {
    access_token: string
  }
  const answer = await world.emulator.fetch(
    new Request(`${base}/menu/create?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify(body),
    }),
  )
  return ((await answer.json()) as { errcode: number }).errcode
}

const withTop = (i: number, button: unknown): unknown => ({
  button: VALID.map((b, j) => (i === j ? button : b)),
})
const withSub = (i: number, sub: unknown): unknown => ({
  button: VALID.map((b, j) =>
    j === 1 && 'sub_button' in b
      ? { ...b, sub_button: b.sub_button.map((s, k) => (k === i ? sub : s)) }
      : b,
  ),
})

// Each case breaks one rule; the path, the message and WeChat's errcode are what a user sees.
const CASES: { label: string; menu: unknown; path: string; message: RegExp; errcode: number }[] = [
  {
    label: 'four top-level buttons',
    menu: { button: [...VALID, VALID[0]] },
    path: 'button',
    message: /4 buttons, at most 3/,
    errcode: ERRCODE.INVALID_BUTTON_SIZE,
  },
  {
    label: 'no button',
    menu: { button: [] },
    path: 'button',
    message: /at least 1/,
    errcode: ERRCODE.INVALID_BUTTON_SIZE,
  },
  {
    label: 'a top-level name of 18 bytes (6 Chinese characters)',
    menu: withTop(0, { type: 'click', name: '今日歌曲推荐', key: 'K' }),
    path: 'button[0].name',
    message: /^18 bytes, at most 16$/,
    errcode: ERRCODE.INVALID_BUTTON_NAME_SIZE,
  },
  {
    label: 'an unknown top-level type',
    menu: withTop(2, { type: 'tap', name: '官网', key: 'K' }),
    path: 'button[2].type',
    message: /unknown button type "tap"/,
    errcode: ERRCODE.INVALID_BUTTON_TYPE,
  },
  {
    label: 'a key of 129 bytes',
    menu: withTop(0, { type: 'click', name: '歌曲', key: 'k'.repeat(129) }),
    path: 'button[0].key',
    message: /^129 bytes, at most 128$/,
    errcode: ERRCODE.INVALID_BUTTON_KEY_SIZE,
  },
  {
    label: 'a click without key',
    menu: withTop(0, { type: 'click', name: '歌曲' }),
    path: 'button[0].key',
    message: /required for type click/,
    errcode: ERRCODE.INVALID_BUTTON_KEY_SIZE,
  },
  {
    label: 'a url of 1025 bytes',
    menu: withTop(2, { type: 'view', name: '官网', url: `https://e.com/${'a'.repeat(1011)}` }),
    path: 'button[2].url',
    message: /^1025 bytes, at most 1024$/,
    errcode: ERRCODE.INVALID_BUTTON_URL_SIZE,
  },
  {
    label: 'six sub buttons',
    menu: withTop(1, { name: '菜单', sub_button: Array(6).fill(VALID[0]) }),
    path: 'button[1].sub_button',
    message: /6 buttons, at most 5/,
    errcode: ERRCODE.INVALID_SUB_BUTTON_SIZE,
  },
  {
    label: 'a sub name of 63 bytes (21 Chinese characters)',
    menu: withSub(2, { type: 'click', name: '长'.repeat(21), key: 'K' }),
    path: 'button[1].sub_button[2].name',
    message: /^63 bytes, at most 60$/,
    errcode: ERRCODE.INVALID_SUB_BUTTON_NAME_SIZE,
  },
  {
    label: 'an unknown sub type',
    menu: withSub(0, { type: 'text', name: '文字', key: 'K' }),
    path: 'button[1].sub_button[0].type',
    message: /unknown button type "text"/,
    errcode: ERRCODE.INVALID_SUB_BUTTON_TYPE,
  },
  {
    label: 'a sub key of 200 bytes',
    menu: withSub(1, { type: 'scancode_push', name: '扫码', key: 'k'.repeat(200) }),
    path: 'button[1].sub_button[1].key',
    message: /^200 bytes, at most 128$/,
    errcode: ERRCODE.INVALID_SUB_BUTTON_KEY_SIZE,
  },
  {
    label: 'a sub view without url',
    menu: withSub(0, { type: 'view', name: '搜索' }),
    path: 'button[1].sub_button[0].url',
    message: /required for type view/,
    errcode: ERRCODE.INVALID_SUB_BUTTON_URL_SIZE,
  },
  {
    label: 'a second nesting level',
    menu: withSub(3, { type: 'click', name: '更多', key: 'K', sub_button: [VALID[0]] }),
    path: 'button[1].sub_button[3].sub_button',
    message: /one level only/,
    errcode: ERRCODE.INVALID_SUB_MENU_LEVEL,
  },
]

describe('validateMenu', () => {
  it('passes a valid menu, which the emulator then accepts', async () => {
    const world = setup()
    expect(validateMenu({ button: VALID })).toEqual([])
    expect(await world.client.menu.create(defineMenu(VALID))).toMatchObject({ errcode: 0 })
  })

  it('passes the menu menu/get answers (leaves echo sub_button: []), so it can be sent back', async () => {
    const world = setup()
    await world.client.menu.create(defineMenu(VALID))
    const current = await world.client.menu.get()
    expect(current.menu.button[0]?.sub_button).toEqual([])
    expect(validateMenu(current.menu)).toEqual([])
  })

  for (const { label, menu, path, message, errcode } of CASES) {
    it(`reports ${label} at ${path}, and the emulator refuses it with ${errcode}`, async () => {
      const problems = validateMenu(menu)
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatchObject({ path, errcode })
      expect(problems[0]!.message).toMatch(message)
      expect(await emulatorErrcode(setup(), menu)).toBe(errcode)
    })
  }

  it('reports every problem at once, in document order', () => {
    const problems = validateMenu({
      button: [
        { type: 'click', name: '今日歌曲推荐', key: '' },
        { name: '', sub_button: [{ type: 'view', name: 'x'.repeat(61), url: '' }] },
      ],
    })
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'button[0].name: 18 bytes, at most 16',
      'button[0].key: required for type click',
      'button[1].name: required (a non-empty string)',
      'button[1].sub_button[0].name: 61 bytes, at most 60',
      'button[1].sub_button[0].url: required for type view',
    ])
  })

  it('names the fields a type needs beyond key and url, which the emulator refuses as well', async () => {
    const menu = {
      button: [
        { type: 'miniprogram', name: '小程序', url: 'https://e.com/' },
        { type: 'media_id', name: '图片' },
        { type: 'article_view_limited', name: '文章', article_id: '' },
      ],
    }
    expect(validateMenu(menu).map((p) => [p.path, p.errcode])).toEqual([
      ['button[0].appid', undefined],
      ['button[0].pagepath', undefined],
      ['button[1].media_id', undefined],
      ['button[2].article_id', undefined],
    ])
    expect(await emulatorErrcode(setup(), menu)).not.toBe(0)
  })

  it('refuses a top-level button with both type and sub buttons (§6.1: they exclude each other)', () => {
    const problems = validateMenu({
      button: [{ type: 'click', key: 'K', name: '菜单', sub_button: [VALID[0]] }],
    })
    expect(problems.map((p) => p.path)).toEqual(['button[0].type'])
  })

  it('takes hostile input without throwing', () => {
    for (const menu of [null, 42, 'menu', [], { button: 'x' }, { button: [null, 7, []] }]) {
      const problems = validateMenu(menu)
      expect(problems.length).toBeGreaterThan(0)
      for (const p of problems) expect(p.path).toMatch(/^button/)
    }
    expect(validateMenu({ button: [null] })[0]).toMatchObject({ path: 'button[0]' })
  })
})

describe('defineMenu', () => {
  it('throws a WxRequestError for menu.create listing every problem', () => {
    const bad = [
      { type: 'click', name: '今日歌曲推荐', key: 'K' },
      { type: 'view', name: '官网', url: '' },
    ] as MenuButton[]
    let thrown: unknown
    try {
      defineMenu(bad)
    } catch (err) {
      thrown = err
    }
    expect(thrown).toMatchObject({
      code: 'WX_ERR_REQUEST',
      endpoint: 'menu.create',
      field: 'button[0].name',
      issues: ['button[0].name: 18 bytes, at most 16', 'button[1].url: required for type view'],
    })
    expect(isWxApiError(thrown)).toBe(false)
  })
})
