import { describe, expect, it } from 'vitest'
import { checkPushUrl, WECHAT_API_BASE } from './check-push-url.js'

const EMULATOR = 'http://127.0.0.1:8090'
const check = (url: unknown, apiBase = WECHAT_API_BASE) => checkPushUrl(url, 'pushUrl', apiBase)

describe('checkPushUrl', () => {
  it('accepts public URLs on 443 (https) and 80 (http), explicit or implied', () => {
    expect(check('https://mp.example.com/wx').status).toBe('ok')
    expect(check('https://mp.example.com:443/wx').status).toBe('ok')
    expect(check('http://mp.example.com/wx').status).toBe('ok')
  })

  it('fails a public URL on any other port, naming the port and the fix', () => {
    const f = check('https://mp.example.com:8443/wx')
    expect(f).toMatchObject({ check: 'push-url', status: 'fail' })
    expect(f.message).toContain('port 8443')
    expect(f.fix).toContain('reverse proxy')
    expect(check('http://203.0.113.5:8080/wx').status).toBe('fail')
  })

  it('fails http on 443 and https on 80', () => {
    expect(check('http://mp.example.com:443/wx').status).toBe('fail')
    expect(check('https://mp.example.com:80/wx').status).toBe('fail')
  })

  it('lets a local URL pass in development and warns when WeChat is the upstream', () => {
    expect(check('http://127.0.0.1:8080/wx', EMULATOR).status).toBe('ok')
    expect(check('http://localhost:8080/wx').status).toBe('warn')
    expect(check('http://192.168.1.20/wx').status).toBe('warn')
  })

  it('fails what is not an http(s) URL and skips when no URL is set', () => {
    expect(check('mp.example.com/wx').status).toBe('fail')
    expect(check('ftp://mp.example.com/wx').status).toBe('fail')
    expect(check(undefined).status).toBe('skip')
  })
})
