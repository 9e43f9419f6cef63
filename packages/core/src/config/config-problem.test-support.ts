import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WxConfigError } from '../errors.js'
import { loadConfig } from './load-config.js'
import type { ConfigFlags } from './sources.js'

/**
 * Test support: loads configuration from the given sources (a config file written to a temp
 * dir, an environment, flags) and returns the `WxConfigError` it raises; fails when loading
 * succeeds. Call `cleanup` in `afterAll`.
 */
export function configProblems(prefix: string): {
  problem(options: {
    file?: unknown
    env?: Record<string, string>
    flags?: ConfigFlags
  }): WxConfigError
  fileWith(content: unknown): string
  cleanup(): void
} {
  const dir = mkdtempSync(join(tmpdir(), `wxmp-${prefix}-`))
  let files = 0
  const fileWith = (content: unknown): string => {
    const path = join(dir, `config-${files++}.json`)
    writeFileSync(path, JSON.stringify(content))
    return path
  }
  return {
    fileWith,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    problem(options) {
      try {
        loadConfig({
          env: options.env ?? {},
          flags: options.flags,
          configFile: options.file === undefined ? undefined : fileWith(options.file),
        })
      } catch (err) {
        if (err instanceof WxConfigError) return err
        throw err
      }
      throw new Error('expected a WxConfigError')
    },
  }
}
