import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'

const MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'scancode_waitmsg', name: '扫码带提示', key: 'rselfmenu_0_0' },
        { type: 'media_id', name: '图片', media_id: 'MEDIA_ID1' },
      ],
    },
  ],
}

async function setup() {
  const h = harness()
  const access_token = await h.token()
  const create = (body: unknown) => h.call('POST', '/cgi-bin/menu/create', { access_token }, body)
  const get = () => h.call('GET', '/cgi-bin/menu/get', { access_token })
  const del = () => h.call('GET', '/cgi-bin/menu/delete', { access_token })
  return { create, get, del }
}

const leaf = (fields: Record<string, unknown>) => ({
  type: 'click',
  name: 'ok',
  key: 'k',
  ...fields,
})
const group = (...subs: unknown[]) => ({ button: [{ name: 'grp', sub_button: subs }] })

describe('menu create / get / delete', () => {
  it('round-trips a menu, every button echoing sub_button: []', async () => {
    const { create, get, del } = await setup()
    expectError(await get(), ERRCODE.MENU_NOT_FOUND)
    const created = await create(MENU)
    expectValidResponse('menu.create', created)
    expect(created).toEqual({ errcode: 0, errmsg: 'ok' })

    const menu = await get()
    expectValidResponse('menu.get', menu)
    expect(menu).toEqual({
      menu: {
        button: [
          { ...MENU.button[0], sub_button: [] },
          {
            name: '菜单',
            sub_button: MENU.button[1]!.sub_button!.map((sub) => ({ ...sub, sub_button: [] })),
          },
        ],
      },
    })

    expectValidResponse('menu.delete', await del())
    expectError(await get(), ERRCODE.MENU_NOT_FOUND)
  })

  it('accepts what menu/get returned as a new menu', async () => {
    const { create, get } = await setup()
    await create(MENU)
    const { menu } = (await get()) as { menu: unknown }
    expect(await create(menu)).toEqual({ errcode: 0, errmsg: 'ok' })
  })
})

describe('menu/create button rules (§6.1)', () => {
  const cases: [string, unknown, number][] = [
    ['no buttons', { button: [] }, ERRCODE.INVALID_BUTTON_SIZE],
    [
      'four buttons',
      { button: [leaf({}), leaf({}), leaf({}), leaf({})] },
      ERRCODE.INVALID_BUTTON_SIZE,
    ],
    ['an unknown type', { button: [leaf({ type: 'tap' })] }, ERRCODE.INVALID_BUTTON_TYPE],
    [
      'a 17-byte name',
      { button: [leaf({ name: 'a'.repeat(17) })] },
      ERRCODE.INVALID_BUTTON_NAME_SIZE,
    ],
    [
      'six Chinese characters (18 bytes)',
      { button: [leaf({ name: '今日歌曲推荐' })] },
      ERRCODE.INVALID_BUTTON_NAME_SIZE,
    ],
    [
      'a click without key',
      { button: [leaf({ key: undefined })] },
      ERRCODE.INVALID_BUTTON_KEY_SIZE,
    ],
    [
      'a 129-byte key',
      { button: [leaf({ key: 'k'.repeat(129) })] },
      ERRCODE.INVALID_BUTTON_KEY_SIZE,
    ],
    [
      'a view without url',
      { button: [{ type: 'view', name: 'v' }] },
      ERRCODE.INVALID_BUTTON_URL_SIZE,
    ],
    [
      'a 1025-byte url',
      { button: [{ type: 'view', name: 'v', url: `http://${'u'.repeat(1018)}` }] },
      ERRCODE.INVALID_BUTTON_URL_SIZE,
    ],
    ['an empty sub menu', group(), ERRCODE.INVALID_SUB_BUTTON_SIZE],
    [
      'six sub buttons',
      group(...Array.from({ length: 6 }, () => leaf({}))),
      ERRCODE.INVALID_SUB_BUTTON_SIZE,
    ],
    ['a sub button of unknown type', group(leaf({ type: 'tap' })), ERRCODE.INVALID_SUB_BUTTON_TYPE],
    [
      'a 61-byte sub name',
      group(leaf({ name: 'n'.repeat(61) })),
      ERRCODE.INVALID_SUB_BUTTON_NAME_SIZE,
    ],
    [
      'a sub key of 129 bytes',
      group(leaf({ key: 'k'.repeat(129) })),
      ERRCODE.INVALID_SUB_BUTTON_KEY_SIZE,
    ],
    [
      'a sub view without url',
      group({ type: 'view', name: 'v' }),
      ERRCODE.INVALID_SUB_BUTTON_URL_SIZE,
    ],
    [
      'a second nesting level',
      group({ name: 'deep', sub_button: [leaf({})] }),
      ERRCODE.INVALID_SUB_MENU_LEVEL,
    ],
    [
      'a group name over 16 bytes',
      { button: [{ name: 'g'.repeat(17), sub_button: [leaf({})] }] },
      ERRCODE.INVALID_BUTTON_NAME_SIZE,
    ],
  ]
  it.each(cases)('answers %s with its errcode', async (_label, body, errcode) => {
    const { create, get } = await setup()
    expectError(await create(body), errcode)
    expectError(await get(), ERRCODE.MENU_NOT_FOUND)
  })

  it('accepts the limits exactly: 16-byte name, 60-byte sub name, 128-byte key, five sub buttons', async () => {
    const { create } = await setup()
    const body = {
      button: [
        leaf({ name: '今日歌曲a' }), // 13 bytes
        leaf({ name: 'n'.repeat(16), key: 'k'.repeat(128) }),
        { name: 'g', sub_button: Array.from({ length: 5 }, () => leaf({ name: '子'.repeat(20) })) },
      ],
    }
    expect(await create(body)).toEqual({ errcode: 0, errmsg: 'ok' })
  })

  it('answers 47001 when a button lacks a field its type needs', async () => {
    const { create } = await setup()
    expectError(
      await create({ button: [{ type: 'media_id', name: 'm' }] }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
  })
})
