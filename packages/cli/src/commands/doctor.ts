/**
 * `wxmp doctor`: checks a configuration for the mistakes WeChat does not explain (a Token with a
 * dash, a 44-character key, a webhook on port 8080, a server outside the IP whitelist, a skewed
 * clock) and prints each with its fix. Exit 1 when any check fails.
 */
import { CommanderError } from 'commander'
import type { Command } from 'commander'
import { WxConfigError } from '@wxmp/core'
import { DEFAULT_TIMEOUT_MS, renderText, runDoctor, toReport } from '../doctor/index.js'

/** Flags of `wxmp doctor`. */
export interface DoctorFlags {
  config?: string
  url?: string
  json?: boolean
  offline?: boolean
  timeoutMs?: string
}

/** Registers `wxmp doctor`. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the configuration: Token, EncodingAESKey, AppID, webhook URL port, API host, clock, IP whitelist',
    )
    .option('--config <file>', 'configuration file (JSON); WXMP_* variables apply over it')
    .option('--url <url>', "the webhook URL to check (default: each account's pushUrl)")
    .option('--json', 'print one JSON document instead of text')
    .option('--offline', 'skip the network checks (API host, clock, IP whitelist)')
    .option(
      '--timeout-ms <ms>',
      `time each network request may take (default ${DEFAULT_TIMEOUT_MS})`,
    )
    .action(async (flags: DoctorFlags) => {
      const code = await doctor(flags)
      // main() turns a CommanderError into its exit code; a plain process.exitCode would be
      // overwritten by main's 0.
      if (code !== 0) throw new CommanderError(code, 'wxmp.doctor', 'the doctor found problems')
    })
}

/** Runs the checks, prints the report and resolves to the exit code (1 when a check failed). */
export async function doctor(flags: DoctorFlags): Promise<number> {
  const timeoutMs = flags.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : Number(flags.timeoutMs)
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new WxConfigError(
      `--timeout-ms: "${flags.timeoutMs}" is not a whole number of ms`,
      'timeoutMs',
    )
  const findings = await runDoctor({
    env: process.env,
    configFile: flags.config,
    url: flags.url,
    offline: flags.offline === true,
    timeoutMs,
  })
  const report = toReport(findings)
  process.stdout.write(
    flags.json === true ? JSON.stringify(report, null, 2) + '\n' : renderText(report),
  )
  return report.ok ? 0 : 1
}
