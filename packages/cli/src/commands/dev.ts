/**
 * `wxmp dev` (what `npm start` runs): the whole back end in one process — the emulator as
 * upstream (unless `WXMP_API_BASE` names another), the token service and the webhook running the
 * echo example or the user's app — sharing one data directory.
 */
import type { Command } from 'commander'
import { EXAMPLES } from '@wxmp/webhook'
import { devBanner } from '../dev/banner.js'
import { loadDevConfig } from '../dev/dev-config.js'
import { DEFAULT_PORTS, resolvePorts } from '../dev/ports.js'
import type { PortFlags } from '../dev/ports.js'
import { startDevStack } from '../dev/stack.js'
import { onShutdown } from '../shutdown.js'

/** Flags of `wxmp dev`. */
export interface DevFlags extends PortFlags {
  example?: string
  app?: string
  host?: string
  config?: string
  dataDir?: string
  logLevel?: string
  /** `--no-snapshot` sets it false. */
  snapshot: boolean
}

/** Registers `wxmp dev`. */
export function registerDevCommand(program: Command): void {
  program
    .command('dev')
    .description(
      'run the whole stack in one process: emulator (the upstream unless WXMP_API_BASE is set), token service, webhook',
    )
    .option(
      '--example <name>',
      `serve a built-in example (default echo): ${Object.keys(EXAMPLES).join(', ')}`,
    )
    .option('--app <file>', 'serve your own app instead, as `wxmp webhook --app` (.ts works)')
    .option(
      '--host <host>',
      "the webhook's address (default 127.0.0.1; 0.0.0.0 for real traffic); the other roles stay on loopback",
    )
    .option(
      '--port-base <port>',
      `move every port together: webhook N, emulator N+10, token service N+11, proxy N+12 (0: free ports)`,
    )
    .option('--webhook-port <port>', `webhook port (default ${DEFAULT_PORTS.webhook})`)
    .option('--emulator-port <port>', `emulator port (default ${DEFAULT_PORTS.emulator})`)
    .option('--token-port <port>', `token service port (default ${DEFAULT_PORTS.token})`)
    .option('--proxy-port <port>', `API proxy port (default ${DEFAULT_PORTS.proxy})`)
    .option('--config <file>', 'configuration file (JSON): accounts and clients')
    .option('--data-dir <dir>', 'where the SQLite files and the demo account live (default ./data)')
    .option('--log-level <level>', 'debug | info | warn | error | silent')
    .option(
      '--no-snapshot',
      "forget the emulator's state (fans, tokens, menus…) on exit; the token store is then in memory too",
    )
    .action(async (flags: DevFlags) => {
      await runDev(flags)
    })
}

/** Starts the stack from CLI flags, prints the banner and keeps running until SIGINT/SIGTERM. */
export async function runDev(flags: DevFlags): Promise<void> {
  const ports = resolvePorts(flags)
  const dev = loadDevConfig(flags)
  const stack = await startDevStack({
    dev,
    ports,
    snapshot: flags.snapshot,
    app: flags.app,
    example: flags.example,
  })
  process.stdout.write(devBanner(dev, stack).join('\n') + '\n')
  onShutdown(() => stack.close())
}
