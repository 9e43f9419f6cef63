import { describe, expect, it } from 'vitest'
import { buildProgram } from './main.js'

const names = async (command?: string) =>
  (await buildProgram(command)).commands.map((c) => c.name()).filter((n) => n !== 'help')

describe('buildProgram', () => {
  it('loads only the server role that is run, so `wxmp webhook` carries no emulator or SDK', async () => {
    expect(await names('webhook')).toEqual(['webhook'])
    expect(await names('emulator')).toEqual(['emulator'])
  })

  it('loads every command for help, the API commands, `token` and anything unknown', async () => {
    const all = await names()
    expect(all.slice(0, 7)).toEqual([
      'webhook',
      'emulator',
      'token',
      'proxy',
      'doctor',
      'dev',
      'chat',
    ])
    expect(all).toContain('menu')
    for (const argv2 of ['--help', 'menu', 'token', 'constructor', '__proto__'])
      expect(await names(argv2), argv2).toEqual(all)
  })
})
