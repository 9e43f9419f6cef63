import { describe, expect, it } from 'vitest'
import { DEFAULT_PORTS, resolvePorts } from './ports.js'

describe('resolvePorts', () => {
  it('uses each role’s own default without flags', () => {
    expect(resolvePorts({})).toEqual({ webhook: 8080, emulator: 8090, token: 8091, proxy: 8092 })
    expect(resolvePorts({})).toEqual(DEFAULT_PORTS)
  })

  it('moves every role with --port-base, keeping their distances', () => {
    expect(resolvePorts({ portBase: '9000' })).toEqual({
      webhook: 9000,
      emulator: 9010,
      token: 9011,
      proxy: 9012,
    })
  })

  it('gives every role a free port with --port-base 0', () => {
    expect(resolvePorts({ portBase: '0' })).toEqual({ webhook: 0, emulator: 0, token: 0, proxy: 0 })
  })

  it('lets a per-role flag win over the base', () => {
    expect(resolvePorts({ portBase: '9000', tokenPort: '7000', webhookPort: '80' })).toEqual({
      webhook: 80,
      emulator: 9010,
      token: 7000,
      proxy: 9012,
    })
  })

  it('refuses ports that are not port numbers, naming the flag', () => {
    expect(() => resolvePorts({ portBase: 'abc' })).toThrow('--port-base: "abc" is not a port')
    expect(() => resolvePorts({ emulatorPort: '70000' })).toThrow('--emulator-port: "70000"')
    expect(() => resolvePorts({ tokenPort: '-1' })).toThrow('--token-port: "-1"')
    expect(() => resolvePorts({ webhookPort: '80.5' })).toThrow('--webhook-port')
  })

  it('refuses a base that pushes the last role past 65535', () => {
    expect(() => resolvePorts({ portBase: '65530' })).toThrow('leaves no room')
    expect(resolvePorts({ portBase: '65523' }).proxy).toBe(65535)
  })

  it('refuses two roles on one fixed port, but any number on port 0', () => {
    expect(() => resolvePorts({ tokenPort: '8090' })).toThrow(
      "--token-port: 8090 is already the emulator's port",
    )
    expect(resolvePorts({ portBase: '0', webhookPort: '0' }).webhook).toBe(0)
  })
})
