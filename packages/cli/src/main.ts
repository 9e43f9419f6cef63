import { Command, CommanderError } from 'commander'
import { hasWxCode } from '@wxmp/core'

/** Something that adds commands to the program. */
type Register = (program: Command) => void

/**
 * Every top-level command's module, in help order, loaded on demand: a server role then loads
 * only its own packages (`wxmp webhook` neither the emulator nor the SDK), which keeps its memory
 * and start-up time down.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  webhook: async () => (await import('./commands/webhook.js')).registerWebhookCommand,
  emulator: async () => (await import('./commands/emulator.js')).registerEmulatorCommand,
  token: async () => (await import('./commands/token.js')).registerTokenCommand,
  proxy: async () => (await import('./commands/proxy.js')).registerProxyCommand,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctorCommand,
  dev: async () => (await import('./commands/dev.js')).registerDevCommand,
  chat: async () => (await import('./commands/chat.js')).registerChatCommand,
  messages: async () => (await import('./commands/messages.js')).registerMessagesCommand,
  api: async () => (await import('./commands/api/index.js')).registerApiCommands,
}

/**
 * The commands that can be loaded alone. `token` cannot (its `token status` subcommand comes with
 * the API commands), nor can the API commands, whose names are their groups (`menu`, `send`, …).
 */
const STANDALONE = new Set(['webhook', 'emulator', 'proxy', 'doctor', 'dev', 'chat', 'messages'])

/**
 * Builds the `wxmp` command tree: with `command`, only that top-level command when it can stand
 * alone (see `STANDALONE`), else all of them.
 */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command('wxmp')
    .description(
      'wxmp: a WeChat Official Account back end — webhook, token service, API proxy, emulator',
    )
    .exitOverride()
    .showHelpAfterError()
  const names = command !== undefined && STANDALONE.has(command) ? [command] : Object.keys(COMMANDS)
  for (const register of await Promise.all(names.map((name) => COMMANDS[name]!())))
    register(program)
  return program
}

/**
 * Runs the wxmp command line; resolves to the exit code. Long-running commands (servers) resolve
 * once started and keep the process alive until a signal stops them.
 */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv[2])
  try {
    await program.parseAsync(argv)
    return 0
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode
    if (hasWxCode(err, 'WX_ERR_CONFIG')) {
      console.error(`wxmp: configuration error: ${(err as Error).message}`)
      return 2
    }
    throw err
  }
}
