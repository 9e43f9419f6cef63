/**
 * Everything else `loadConfig` would refuse (unknown keys, a bad port, a client naming an unknown
 * account, …), so the doctor never passes a configuration the roles then reject at start. Lines
 * about fields a dedicated check already reports are left out, so one mistake is one finding.
 */
import { hasWxCode, loadConfig } from '@wxmp/core'
import { finding } from './finding.js'
import type { Finding } from './finding.js'

// Fields with a check of their own (appid, token, aes-key, push-url).
const COVERED = /^accounts\[\d+\]\.(?:appid|token|aesKey|previousAesKey|encryptMode|pushUrl):/

/** Runs the shared validation and reports what the dedicated checks do not. */
export function checkSchema(
  env: Readonly<Record<string, string | undefined>>,
  configFile: string | undefined,
): Finding[] {
  try {
    loadConfig({ env, configFile })
    return [finding('config', 'ok', 'configuration', 'every wxmp role accepts it')]
  } catch (error) {
    if (!hasWxCode(error, 'WX_ERR_CONFIG')) throw error
    const lines = (error as Error).message
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/^invalid configuration \(\d+ problems\):$/.test(line))
    return lines.filter((line) => !COVERED.test(line)).map(toFinding)
  }
}

// A loadConfig line reads `field: problem — fix [from source]`.
function toFinding(line: string): Finding {
  const match = /^([^\s:]+): (.*?)(?: — (.*?))?(?: \[from (.*)\])?$/.exec(line)
  if (match === null) return finding('config', 'fail', 'configuration', line)
  const [, field = 'configuration', problem = line, fix, source] = match
  return finding(
    'config',
    'fail',
    field,
    source === undefined ? problem : `${problem} (from ${source})`,
    fix,
  )
}
