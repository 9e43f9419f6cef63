import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { FIRST_MENU_ID } from '../menu-store.js'
import { MAX_CONDITIONAL_MENUS } from './menu-match.js'

const DEFAULT_MENU = { button: [{ type: 'click', name: '默认', key: 'DEFAULT' }] }

const menuFor = (name: string, url = 'https://example.com/') => ({
  button: [
    { type: 'click', name, key: `K_${name}` },
    { name: '更多', sub_button: [{ type: 'view', name: '网站', url }] },
  ],
})

async function setup() {
  const h = harness()
  const access_token = await h.token()
  const post = (path: string, body: unknown) => h.call('POST', path, { access_token }, body)
  const get = (path: string) => h.call('GET', path, { access_token })
  const add = (body: unknown) => post('/cgi-bin/menu/addconditional', body)
  const del = (menuid: unknown) => post('/cgi-bin/menu/delconditional', { menuid })
  const tryMatch = (user_id: string) => post('/cgi-bin/menu/trymatch', { user_id })
  const createDefault = () => post('/cgi-bin/menu/create', DEFAULT_MENU)
  const newTag = async (name: string): Promise<number> => {
    const { tag } = (await post('/cgi-bin/tags/create', { tag: { name } })) as {
      tag: { id: number }
    }
    return tag.id
  }
  const tagFan = (openid: string, tagid: number) =>
    post('/cgi-bin/tags/members/batchtagging', { openid_list: [openid], tagid })
  const fans = h.emulator.fans.list(APPID)
  return { h, post, get, add, del, tryMatch, createDefault, newTag, tagFan, fans }
}

/** The first top-level button's name: tells which menu an answer shows. */
const firstName = (answer: Json): unknown =>
  (answer.button as { name: string }[] | undefined)?.[0]?.name

describe('menu/addconditional (§6.1)', () => {
  it('needs a default menu first: 65303', async () => {
    const t = await setup()
    const tag = await t.newTag('vip')
    expectError(
      await t.add({ ...menuFor('vip'), matchrule: { tag_id: String(tag) } }),
      ERRCODE.DEFAULT_MENU_MISSING,
    )
  })

  it('answers a menuid string; menu/get then lists the default menuid and the conditional menus', async () => {
    const t = await setup()
    const tag = await t.newTag('vip')
    await t.createDefault()
    const plain = await t.get('/cgi-bin/menu/get')
    expect(plain).not.toHaveProperty('conditionalmenu')
    expect(plain.menu).not.toHaveProperty('menuid')

    const added = await t.add({
      ...menuFor('vip'),
      matchrule: { tag_id: String(tag), client_platform_type: '2' },
    })
    expectValidResponse('menu.addConditional', added)
    expect(added.menuid).toMatch(/^\d{9}$/)

    const menu = await t.get('/cgi-bin/menu/get')
    expectValidResponse('menu.get', menu)
    expect(menu).toEqual({
      menu: {
        button: [{ ...DEFAULT_MENU.button[0], sub_button: [] }],
        menuid: FIRST_MENU_ID,
      },
      conditionalmenu: [
        {
          button: [
            { type: 'click', name: 'vip', key: 'K_vip', sub_button: [] },
            {
              name: '更多',
              sub_button: [
                { type: 'view', name: '网站', url: 'https://example.com/', sub_button: [] },
              ],
            },
          ],
          matchrule: { tag_id: String(tag), client_platform_type: '2' },
          menuid: Number(added.menuid),
        },
      ],
    })
  })

  it('applies the menu/create button rules', async () => {
    const t = await setup()
    await t.createDefault()
    const rule = { client_platform_type: '1' }
    const click = { type: 'click', name: 'a', key: 'k' }
    expectError(
      await t.add({ button: [click, click, click, click], matchrule: rule }),
      ERRCODE.INVALID_BUTTON_SIZE,
    )
    expectError(
      await t.add({ button: [{ ...click, key: 'k'.repeat(129) }], matchrule: rule }),
      ERRCODE.INVALID_BUTTON_KEY_SIZE,
    )
    expectError(
      await t.add({
        button: [{ name: 'g', sub_button: [{ ...click, name: 'n'.repeat(61) }] }],
        matchrule: rule,
      }),
      ERRCODE.INVALID_SUB_BUTTON_NAME_SIZE,
    )
    expect((await t.get('/cgi-bin/menu/get')).conditionalmenu).toBeUndefined()
  })

  it('checks the matchrule: 65304 empty, 65320 legacy fields, 45159 unknown tag, 40035 platform', async () => {
    const t = await setup()
    const tag = await t.newTag('vip')
    await t.createDefault()
    const cases: [unknown, number][] = [
      [undefined, ERRCODE.EMPTY_MATCHRULE],
      [null, ERRCODE.EMPTY_MATCHRULE],
      [{}, ERRCODE.EMPTY_MATCHRULE],
      [{ tag_id: '', client_platform_type: '' }, ERRCODE.EMPTY_MATCHRULE],
      [{ sex: '1' }, ERRCODE.MATCHRULE_FIELD_UNSUPPORTED],
      [{ tag_id: String(tag), country: '中国' }, ERRCODE.MATCHRULE_FIELD_UNSUPPORTED],
      [{ language: 'zh_CN' }, ERRCODE.MATCHRULE_FIELD_UNSUPPORTED],
      [{ tag_id: '999' }, ERRCODE.INVALID_TAG_ID],
      [{ tag_id: 'vip' }, ERRCODE.INVALID_TAG_ID],
      [{ tag_id: '1' }, ERRCODE.INVALID_TAG_ID],
      [{ client_platform_type: '4' }, ERRCODE.INVALID_PARAMETER],
      [{ client_platform_type: 'ios' }, ERRCODE.INVALID_PARAMETER],
      // Wrong JSON types cannot be mapped: 47001 like unparsable JSON.
      [{ tag_id: tag }, ERRCODE.DATA_FORMAT_ERROR],
      ['tag', ERRCODE.DATA_FORMAT_ERROR],
    ]
    for (const [matchrule, errcode] of cases) {
      expectError(await t.add({ ...menuFor('x'), matchrule }), errcode)
    }
    expect((await t.get('/cgi-bin/menu/get')).conditionalmenu).toBeUndefined()
  })

  it('accepts empty legacy fields (old SDKs send them all) and keeps only the live ones', async () => {
    const t = await setup()
    await t.createDefault()
    const added = await t.add({
      ...menuFor('x'),
      matchrule: {
        tag_id: '2', // the starred group every account has
        sex: '',
        country: '',
        province: '',
        city: '',
        client_platform_type: '',
        language: '',
      },
    })
    expectValidResponse('menu.addConditional', added)
    const menu = await t.get('/cgi-bin/menu/get')
    expect((menu.conditionalmenu as { matchrule: unknown }[])[0]?.matchrule).toEqual({
      tag_id: '2',
    })
  })

  it('answers bad bodies with 44002 / 47001', async () => {
    const t = await setup()
    await t.createDefault()
    expectError(await t.add(''), ERRCODE.EMPTY_POST_DATA)
    expectError(await t.add('{"button":'), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await t.add([1, 2]), ERRCODE.INVALID_BUTTON_SIZE)
  })

  it(`allows ${MAX_CONDITIONAL_MENUS} conditional menus, then 65305`, async () => {
    const t = await setup()
    await t.createDefault()
    for (let i = 0; i < MAX_CONDITIONAL_MENUS; i++) {
      expect(
        (await t.add({ ...menuFor(`m${i}`), matchrule: { client_platform_type: '3' } })).menuid,
      ).toBeDefined()
    }
    expectError(
      await t.add({ ...menuFor('over'), matchrule: { client_platform_type: '3' } }),
      ERRCODE.CONDITIONAL_MENU_LIMIT,
    )
  })

  it('lets all conditional menus together link to 3 domains, then 65316', async () => {
    const t = await setup()
    await t.createDefault()
    const rule = { matchrule: { client_platform_type: '1' } }
    for (const host of ['a.example.com', 'b.example.com', 'c.example.com', 'A.example.com']) {
      expectValidResponse(
        'menu.addConditional',
        await t.add({ ...menuFor(host.slice(0, 1), `https://${host}/page`), ...rule }),
      )
    }
    expectError(
      await t.add({ ...menuFor('d', 'https://d.example.com/'), ...rule }),
      ERRCODE.MENU_URL_DOMAIN_LIMIT,
    )
    // The default menu's links do not count.
    expect(
      await t.post('/cgi-bin/menu/create', menuFor('def', 'https://elsewhere.example.org/')),
    ).toEqual({ errcode: 0, errmsg: 'ok' })
  })

  it('is charged 2000 a day (45009), again available after Beijing midnight', async () => {
    const t = await setup()
    for (let i = 0; i < 2000; i++) await t.add({ ...menuFor('x'), matchrule: { tag_id: '2' } })
    expectError(
      await t.add({ ...menuFor('x'), matchrule: { tag_id: '2' } }),
      ERRCODE.API_QUOTA_EXCEEDED,
    )
    t.h.clock.advance(24 * 3600 * 1000)
    const token = await t.h.token()
    expectError(
      await t.h.call(
        'POST',
        '/cgi-bin/menu/addconditional',
        { access_token: token },
        { ...menuFor('x'), matchrule: { tag_id: '2' } },
      ),
      ERRCODE.DEFAULT_MENU_MISSING,
    )
  })
})

describe('menu/delconditional (§6.1)', () => {
  it('deletes by menuid, as a string or a number; an unknown id is 65301', async () => {
    const t = await setup()
    await t.createDefault()
    const one = await t.add({ ...menuFor('one'), matchrule: { tag_id: '2' } })
    const two = await t.add({ ...menuFor('two'), matchrule: { tag_id: '2' } })

    const deleted = await t.del(String(one.menuid))
    expectValidResponse('menu.delConditional', deleted)
    expect(deleted).toEqual({ errcode: 0, errmsg: 'ok' })
    expectError(await t.del(String(one.menuid)), ERRCODE.CONDITIONAL_MENU_NOT_FOUND)
    expect(await t.del(Number(two.menuid))).toEqual({ errcode: 0, errmsg: 'ok' })

    const menu = await t.get('/cgi-bin/menu/get')
    expect(menu).not.toHaveProperty('conditionalmenu')
  })

  it('answers 65301 for ids that name no conditional menu, 47001 for a body of the wrong shape', async () => {
    const t = await setup()
    await t.createDefault()
    await t.add({ ...menuFor('one'), matchrule: { tag_id: '2' } })
    // The default menu's own id is not a conditional menu's.
    for (const id of [FIRST_MENU_ID, '999', 'abc', '', -1, '1e9'])
      expectError(await t.del(id), ERRCODE.CONDITIONAL_MENU_NOT_FOUND)
    expectError(await t.del(true), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await t.post('/cgi-bin/menu/delconditional', {}), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await t.post('/cgi-bin/menu/delconditional', ''), ERRCODE.EMPTY_POST_DATA)
    expect((await t.get('/cgi-bin/menu/get')).conditionalmenu).toHaveLength(1)
  })
})

describe('menu/delete and menu/create with conditional menus', () => {
  it('menu/delete removes every conditional menu too', async () => {
    const t = await setup()
    await t.createDefault()
    const added = await t.add({ ...menuFor('one'), matchrule: { tag_id: '2' } })
    await t.get('/cgi-bin/menu/delete')
    await t.createDefault()
    const menu = await t.get('/cgi-bin/menu/get')
    expect(menu).toEqual({ menu: { button: [{ ...DEFAULT_MENU.button[0], sub_button: [] }] } })
    expectError(await t.del(added.menuid), ERRCODE.CONDITIONAL_MENU_NOT_FOUND)
  })

  it('menu/create gives the default menu a new menuid and keeps the conditional menus', async () => {
    const t = await setup()
    await t.createDefault()
    const added = await t.add({ ...menuFor('one'), matchrule: { tag_id: '2' } })
    await t.post('/cgi-bin/menu/create', menuFor('new'))
    const menu = await t.get('/cgi-bin/menu/get')
    expectValidResponse('menu.get', menu)
    const { menuid } = menu.menu as { menuid: number }
    expect(menuid).toBeGreaterThan(Number(added.menuid))
    expect(menu.conditionalmenu).toHaveLength(1)
  })
})

describe('menu/trymatch (§6.1)', () => {
  it('shows a fan the newest conditional menu their tags match, else the default menu', async () => {
    const t = await setup()
    const [tagged, plain] = t.fans
    const vip = await t.newTag('vip')
    const gold = await t.newTag('gold')
    await t.tagFan(tagged!.openid, vip)
    await t.createDefault()

    expect(firstName(await t.tryMatch(tagged!.openid))).toBe('默认')
    const older = await t.add({ ...menuFor('vip1'), matchrule: { tag_id: String(vip) } })
    await t.add({ ...menuFor('gold'), matchrule: { tag_id: String(gold) } })
    const newer = await t.add({ ...menuFor('vip2'), matchrule: { tag_id: String(vip) } })

    const matched = await t.tryMatch(tagged!.openid)
    expectValidResponse('menu.tryMatch', matched)
    expect(matched.button).toEqual([
      { type: 'click', name: 'vip2', key: 'K_vip2', sub_button: [] },
      {
        name: '更多',
        sub_button: [{ type: 'view', name: '网站', url: 'https://example.com/', sub_button: [] }],
      },
    ])
    expect(firstName(await t.tryMatch(plain!.openid))).toBe('默认')

    await t.del(newer.menuid)
    expect(firstName(await t.tryMatch(tagged!.openid))).toBe('vip1')
    await t.del(older.menuid)
    expect(firstName(await t.tryMatch(tagged!.openid))).toBe('默认')
    // Tagging later changes what the fan sees.
    await t.tagFan(plain!.openid, gold)
    expect(firstName(await t.tryMatch(plain!.openid))).toBe('gold')
  })

  it('does not check client_platform_type (fans here have no platform)', async () => {
    const t = await setup()
    await t.createDefault()
    await t.add({ ...menuFor('ios'), matchrule: { client_platform_type: '1' } })
    expect(firstName(await t.tryMatch(t.fans[0]!.openid))).toBe('ios')
  })

  it('answers 65302 for an unknown user or a former follower, 46003 without a default menu', async () => {
    const t = await setup()
    await t.createDefault()
    const former = t.fans.find((fan) => !fan.subscribed)
    expect(former).toBeDefined()
    expectError(await t.tryMatch(former!.openid), ERRCODE.MENU_USER_NOT_FOUND)
    expectError(await t.tryMatch('o_no_such_user_0000000000000'), ERRCODE.MENU_USER_NOT_FOUND)
    expectError(await t.tryMatch('some_wechat_id'), ERRCODE.MENU_USER_NOT_FOUND)
    expectError(await t.tryMatch(''), ERRCODE.MENU_USER_NOT_FOUND)
    expectError(await t.post('/cgi-bin/menu/trymatch', { user_id: 42 }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await t.post('/cgi-bin/menu/trymatch', {}), ERRCODE.DATA_FORMAT_ERROR)

    await t.get('/cgi-bin/menu/delete')
    expectError(await t.tryMatch(t.fans[0]!.openid), ERRCODE.MENU_NOT_FOUND)
  })
})
