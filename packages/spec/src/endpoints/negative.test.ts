/**
 * One wrong body per scope: a field of the wrong type fails validation, and the error names the
 * field, so an emulator or SDK can say which field is wrong.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Endpoint } from './define.js'
import { isMultipart } from './multipart.js'
import { jsonSchemaOf } from './responses.js'
import { allEndpoints, endpoints } from './table.js'
import type { EndpointId } from './table.js'

interface BadInput {
  readonly id: EndpointId
  readonly part: 'query' | 'body' | 'response'
  readonly value: unknown
  /** The path zod must report, dot-joined. */
  readonly field: string
}

const cases: readonly BadInput[] = [
  {
    id: 'token.stable',
    part: 'body',
    value: { appid: 'a', secret: 's', force_refresh: 'yes' },
    field: 'force_refresh',
  },
  {
    id: 'ops.checkCallback',
    part: 'body',
    value: { action: 'trace', check_operator: 'DEFAULT' },
    field: 'action',
  },
  { id: 'menu.create', part: 'body', value: { button: 'click' }, field: 'button' },
  {
    id: 'menu.get',
    part: 'response',
    value: { menu: { button: [{ name: 7 }] } },
    field: 'menu.button.0.name',
  },
  { id: 'media.upload', part: 'query', value: { type: 'pdf' }, field: 'type' },
  {
    id: 'material.batchGet',
    part: 'body',
    value: { type: 'image', offset: '0', count: 20 },
    field: 'offset',
  },
  {
    id: 'draft.add',
    part: 'body',
    value: { articles: [{ title: 1, content: 'c' }] },
    field: 'articles.0.title',
  },
  { id: 'freepublish.get', part: 'body', value: { publish_id: 'abc' }, field: 'publish_id' },
  {
    id: 'mass.sendAll',
    part: 'body',
    value: { filter: { is_to_all: 'yes' }, msgtype: 'text', text: { content: 'x' } },
    field: 'filter.is_to_all',
  },
  {
    id: 'mass.get',
    part: 'response',
    value: { msg_id: 201053012, msg_status: 'SEND_SUCCESS' },
    field: 'msg_id',
  },
  {
    id: 'template.send',
    part: 'body',
    value: { touser: 'o', template_id: 't', data: { k: { value: 1 } } },
    field: 'data.k.value',
  },
  {
    id: 'customService.send',
    part: 'body',
    value: { touser: 'o', msgtype: 'text', text: { content: 5 } },
    field: 'text.content',
  },
  {
    id: 'kfAccount.add',
    part: 'body',
    value: { kf_account: 1, nickname: 'n' },
    field: 'kf_account',
  },
  {
    id: 'user.batchGet',
    part: 'body',
    value: { user_list: [{ openid: 1 }] },
    field: 'user_list.0.openid',
  },
  { id: 'user.info', part: 'response', value: { subscribe: 1 }, field: 'openid' },
  {
    id: 'tags.batchTagging',
    part: 'body',
    value: { openid_list: 'o1', tagid: 2 },
    field: 'openid_list',
  },
  { id: 'blacklist.batchAdd', part: 'body', value: { openid_list: [1] }, field: 'openid_list.0' },
  {
    id: 'qrcode.create',
    part: 'body',
    value: { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 'x' } } },
    field: 'action_info.scene.scene_id',
  },
  { id: 'oauth.userInfo', part: 'query', value: { access_token: 't', openid: 1 }, field: 'openid' },
  { id: 'ticket.get', part: 'query', value: { type: 'card' }, field: 'type' },
  { id: 'shortLink.generate', part: 'body', value: { long_data: 42 }, field: 'long_data' },
  {
    id: 'datacube.getUserSummary',
    part: 'body',
    value: { begin_date: '2026-01-01', end_date: 20260102 },
    field: 'end_date',
  },
  {
    id: 'datacube.getUpstreamMsg',
    part: 'response',
    value: { list: [{ ref_date: '2026-01-01', msg_type: '1', msg_user: 1, msg_count: 1 }] },
    field: 'list.0.msg_type',
  },
  {
    id: 'subscribe.addTemplate',
    part: 'body',
    value: { tid: 99, kidList: ['1', '2'], sceneDesc: 's' },
    field: 'kidList.0',
  },
  {
    id: 'subscribe.send',
    part: 'body',
    value: { touser: 'o', template_id: 't', data: { thing1: 'x' } },
    field: 'data.thing1',
  },
]

function schemaOf({ id, part }: BadInput): z.ZodType {
  const entry: Endpoint = endpoints[id]
  const schema =
    part === 'query'
      ? entry.query
      : part === 'body'
        ? isMultipart(entry.body)
          ? undefined
          : entry.body
        : jsonSchemaOf(entry.response)
  if (!schema) throw new Error(`${id} has no ${part} schema`)
  return schema
}

describe('a wrong field type', () => {
  it.each(cases.map((c) => [`${c.id} ${c.part}`, c] as const))(
    'fails %s and names the field',
    (_name, c) => {
      const result = schemaOf(c).safeParse(c.value)
      expect(result.success).toBe(false)
      expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(c.field)
      // zod's readable message writes the path as `articles[0].title`.
      expect(z.prettifyError(result.error as z.ZodError)).toContain(
        c.field.replace(/\.(\d+)/g, '[$1]'),
      )
    },
  )

  it('is covered for every scope', () => {
    const covered = new Set<string>(cases.map((c) => endpoints[c.id].scope))
    expect(
      [...new Set(allEndpoints.map((entry) => entry.scope))].filter((s) => !covered.has(s)),
    ).toEqual([])
  })
})
