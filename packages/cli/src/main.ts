import { Command, CommanderError } from 'commander'
import { hasWxCode } from '@wxmp/core'
import { registerWebhookCommand } from './commands/webhook.js'
import { registerEmulatorCommand } from './commands/emulator.js'
import { registerProxyCommand } from './commands/proxy.js'
import { registerTokenCommand } from './commands/token.js'
import { registerDoctorCommand } from './commands/doctor.js'
import { registerDevCommand } from './commands/dev.js'
import { registerChatCommand } from './commands/chat.js'
import { registerApiCommands } from './commands/api/index.js'

/** Builds the `wxmp` command tree. */
export function buildProgram(): Command {
  const program = new Command('wxmp')
    .description(
      'wxmp: a WeChat Official Account back end — webhook, token service, API proxy, emulator',
    )
    .exitOverride()
    .showHelpAfterError()
  registerWebhookCommand(program)
  registerEmulatorCommand(program)
  registerTokenCommand(program)
  registerProxyCommand(program)
  registerDoctorCommand(program)
  registerDevCommand(program)
  registerChatCommand(program)
  registerApiCommands(program)
  return program
}

/**
 * Runs the wxmp command line; resolves to the exit code. Long-running commands (servers) resolve
 * once started and keep the process alive until a signal stops them.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram()
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
