/** A small fake wxmp API proxy for the proxy-transport tests, in front of the emulator. */
import { APPID, SECRET } from './sdk.test.helpers.js'
import type { setup } from './sdk.test.helpers.js'
import { directTokenSource } from './token/direct.js'

/** The client key the fake proxy accepts. */
export const KEY = 'client-key-1'

/** A fake wxmp API proxy (a fetch function) in front of the emulator. */
export function fakeProxy(s: ReturnType<typeof setup>) {
  const tokens = directTokenSource({
    accounts: { [APPID]: SECRET },
    fetch: (r) => s.emulator.fetch(r),
    clock: s.clock,
  })
  const seen: { url: string; auth: string | null; host: string | null }[] = []
  const proxy = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    seen.push({
      url: request.url,
      auth: request.headers.get('authorization'),
      host: request.headers.get('x-wxmp-host'),
    })
    if (request.headers.get('authorization') !== `Bearer ${KEY}`)
      return Response.json(
        {
          wxmp_error: {
            code: 'WX_PROXY_UNAUTHORIZED',
            message: 'unknown client key',
            rule: 'client-key',
          },
        },
        { status: 401 },
      )
    if (url.pathname.startsWith('/cgi-bin/message/mass/'))
      return Response.json(
        {
          wxmp_error: {
            code: 'WX_PROXY_FORBIDDEN',
            message: 'mass.send is not allowed',
            rule: 'allow: menu.*, tags.*',
          },
        },
        { status: 403 },
      )
    const host = request.headers.get('x-wxmp-host') ?? 'api'
    const upstream = new URL(`https://${host}.weixin.qq.com${url.pathname}${url.search}`)
    upstream.searchParams.set('access_token', await tokens.get(APPID))
    const headers = new Headers()
    const type = request.headers.get('content-type')
    if (type !== null) headers.set('content-type', type)
    const body = request.method === 'GET' ? undefined : await request.arrayBuffer()
    return s.emulator.fetch(new Request(upstream, { method: request.method, headers, body }))
  }
  return { proxy, seen }
}
