import { describe, expect, it } from 'vitest'
import { webhookRequest } from './http-types.js'

describe('webhookRequest', () => {
  it('splits the target at the first "?" only, as both HTTP readers need', () => {
    expect(webhookRequest('POST', '/wx?signature=a&x=?b', '<xml/>')).toEqual({
      method: 'POST',
      path: '/wx',
      query: 'signature=a&x=?b',
      body: '<xml/>',
    })
    expect(webhookRequest('GET', '/healthz', '')).toMatchObject({ path: '/healthz', query: '' })
    expect(webhookRequest('GET', '/wx?', '')).toMatchObject({ path: '/wx', query: '' })
  })
})
