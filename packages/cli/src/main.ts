import { Command, CommanderError } from 'commander'
import { hasWxCode } from '@wxmp/core'

/** Something that adds commands to the program. */
type Register = (program: Command) => void

/**
 * Each top-level command's module, loaded on demand: a server role then loads only its own
 * packages (`wxmp webhook` neither the emulator nor the SDK), which keeps its memory and start-up
 * time down. Commands not listed here (the API commands) come with the full tree.
 */
const SINGLE_COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  webhook: async () => (await import('./commands/webhook.js')).registerWebhookCommand,
  emulator: async () => (await import('./commands/emulator.js')).registerEmulatorCommand,
  proxy: async () => (await import('./commands/proxy.js')).registerProxyCommand,
  doctor: async () => (await import('./commands/doctor.js')).registerDoctorCommand,
  dev: async () => (await import('./commands/dev.js')).registerDevCommand,
  chat: async () => (await import('./commands/chat.js')).registerChatCommand,
  messages: async () => (await import('./commands/messages.js')).registerMessagesCommand,
}

/** Every command, in help order: for help, the API commands and `wxmp token` (and `token status`). */
async function allCommands(): Promise<Register[]> {
  const [token, api] = await Promise.all([
    import('./commands/token.js'),
    import('./commands/api/index.js'),
  ])
  const load = SINGLE_COMMANDS
  return [
    await load.webhook!(),
    await load.emulator!(),
    token.registerTokenCommand,
    await load.proxy!(),
    await load.doctor!(),
    await load.dev!(),
    await load.chat!(),
    await load.messages!(),
    api.registerApiCommands,
  ]
}

/**
 * Builds the `wxmp` command tree: with `command`, only that top-level command when it can stand
 * alone (see `SINGLE_COMMANDS`), else all of them.
 */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command('wxmp')
    .description(
      'wxmp: a WeChat Official Account back end — webhook, token service, API proxy, emulator',
    )
    .exitOverride()
    .showHelpAfterError()
  const single =
    command !== undefined && Object.hasOwn(SINGLE_COMMANDS, command)
      ? SINGLE_COMMANDS[command]
      : undefined
  for (const register of single === undefined ? await allCommands() : [await single()])
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
