import { describe, expect, it } from 'vitest'
import { docUrl, endpointById, isEndpointId, matchEndpoint, matchesAllow } from './lookup.js'
import { endpoints } from './table.js'

describe('endpointById', () => {
  it('returns the entry of a known id and undefined for an unknown one', () => {
    expect(endpointById('menu.create')).toBe(endpoints['menu.create'])
    expect(endpointById('menu.nope')).toBeUndefined()
    expect(endpointById('toString')).toBeUndefined()
    expect(isEndpointId('user.info')).toBe(true)
  })
})

describe('matchEndpoint', () => {
  it('finds the entry by verb and path on the API host', () => {
    expect(matchEndpoint('POST', '/cgi-bin/menu/create')?.id).toBe('menu.create')
    expect(matchEndpoint('get', '/cgi-bin/user/info?openid=o1&lang=zh_CN')?.id).toBe('user.info')
  })

  it('does not match the wrong verb', () => {
    expect(matchEndpoint('GET', '/cgi-bin/menu/create')).toBeUndefined()
    expect(matchEndpoint('POST', '/cgi-bin/menu/get')).toBeUndefined()
  })

  it('tells hosts apart', () => {
    expect(matchEndpoint('GET', '/cgi-bin/showqrcode', 'mp')?.id).toBe('qrcode.show')
    expect(matchEndpoint('GET', '/cgi-bin/showqrcode')).toBeUndefined()
    expect(matchEndpoint('GET', '/connect/oauth2/authorize', 'open')?.id).toBe('oauth.authorize')
  })

  it('accepts the GET some SDKs send for mass/speed/get', () => {
    expect(matchEndpoint('POST', '/cgi-bin/message/mass/speed/get')?.id).toBe('mass.getSpeed')
    expect(matchEndpoint('GET', '/cgi-bin/message/mass/speed/get')?.id).toBe('mass.getSpeed')
  })

  it('distinguishes a path from its prefix', () => {
    expect(matchEndpoint('GET', '/cgi-bin/media/get')?.id).toBe('media.get')
    expect(matchEndpoint('GET', '/cgi-bin/media/get/jssdk')?.id).toBe('media.getJssdk')
    expect(matchEndpoint('GET', '/cgi-bin/media/get/')).toBeUndefined()
  })
})

describe('matchesAllow', () => {
  it('admits everything for *, a scope for scope.*, one id otherwise', () => {
    expect(matchesAllow('menu.create', '*')).toBe(true)
    expect(matchesAllow('menu.create', 'menu.*')).toBe(true)
    expect(matchesAllow('media.upload', 'menu.*')).toBe(false)
    expect(matchesAllow('menu.create', 'menu.create')).toBe(true)
    expect(matchesAllow('menu.createX', 'menu.create')).toBe(false)
  })

  it('does not let a scope pattern admit a scope sharing its prefix', () => {
    expect(matchesAllow('mass.send', 'ma.*')).toBe(false)
    expect(matchesAllow('material.add', 'mass.*')).toBe(false)
  })

  it('admits what any pattern of a list admits', () => {
    expect(matchesAllow('user.info', ['menu.*', 'user.info'])).toBe(true)
    expect(matchesAllow('user.get', ['menu.*', 'user.info'])).toBe(false)
    expect(matchesAllow('user.get', [])).toBe(false)
  })
})

describe('docUrl', () => {
  it('expands offiaccount paths and keeps absolute ones', () => {
    expect(docUrl(endpoints['menu.create'])).toBe(
      'https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html',
    )
    expect(docUrl(endpoints['kfAccount.list'])).toBe(
      'https://developers.weixin.qq.com/doc/service/api/customer/servicermanage/api_getkflist',
    )
  })
})
