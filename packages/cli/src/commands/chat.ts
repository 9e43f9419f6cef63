/**
 * `wxmp chat`: be a fan in the terminal. Each line typed is pushed to the account through the
 * emulator's inspection API, and the webhook's reply (decoded from the delivery report) is shown,
 * as are messages the account sends later through other channels.
 */
import { clearLine, createInterface, cursorTo } from 'node:readline'
import type { Command } from 'commander'
import { parseChatLine } from '../dev/chat/commands.js'
import { createInspectionClient, InspectionError } from '../dev/chat/inspection-client.js'
import { openChatSession } from '../dev/chat/session.js'

/** Flags of `wxmp chat`. */
export interface ChatFlags {
  emulator: string
  appid?: string
  openid?: string
}

/** The emulator `wxmp chat` talks to by default: where `wxmp dev` and `wxmp emulator` listen. */
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:8090'

/** How often chat looks for messages that did not come as a reply, ms. */
const POLL_MS = 1500

/** Registers `wxmp chat`. */
export function registerChatCommand(program: Command): void {
  program
    .command('chat')
    .description('chat with the account as a fan, through the emulator (start `wxmp dev` first)')
    .option('--emulator <url>', 'the emulator to talk through', DEFAULT_EMULATOR_URL)
    .option('--appid <appid>', "the account to talk to (default: the emulator's first)")
    .option('--openid <openid>', "the fan to be (default: the account's first follower)")
    .action(async (flags: ChatFlags) => {
      await runChat(flags)
    })
}

/** Runs the conversation until `/quit`, Ctrl-D or Ctrl-C. */
export async function runChat(flags: ChatFlags): Promise<void> {
  const client = createInspectionClient(flags.emulator)
  const session = await openChatSession(client, { appid: flags.appid, openid: flags.openid })
  const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: '你 › ',
    terminal,
  })
  rl.on('SIGINT', () => rl.close())
  const show = (lines: readonly string[], redrawPrompt: boolean): void => {
    if (lines.length === 0) return
    if (terminal && redrawPrompt) {
      // Print above the half-typed line, then draw the prompt and the typing again.
      clearLine(process.stdout, 0)
      cursorTo(process.stdout, 0)
    }
    process.stdout.write(lines.join('\n') + '\n')
    if (redrawPrompt && terminal) rl.prompt(true)
  }

  let busy = false
  let lost = false
  const timer = setInterval(() => {
    if (busy) return
    busy = true
    session.news().then(
      (lines) => {
        busy = false
        if (lost) show(['(the emulator answers again)'], true)
        lost = false
        show(lines, true)
      },
      (error: unknown) => {
        busy = false
        if (!lost && error instanceof InspectionError) show([`✗ ${error.message}`], true)
        lost = true
      },
    )
  }, POLL_MS)

  // Piped input gets the answers without prompts in between.
  const prompt = (): void => {
    if (terminal) rl.prompt()
  }
  show(session.greeting, false)
  prompt()
  try {
    for await (const line of rl) {
      // The poll may be mid-call: wait for it so replies and news never print twice.
      while (busy) await new Promise((resolve) => setTimeout(resolve, 10))
      busy = true
      const outcome = await session.run(parseChatLine(line)).finally(() => (busy = false))
      show(outcome.lines, false)
      if (outcome.quit) break
      prompt()
    }
  } finally {
    clearInterval(timer)
    rl.close()
  }
  process.stdout.write('bye\n')
}
