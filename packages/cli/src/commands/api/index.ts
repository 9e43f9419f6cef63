/**
 * The API commands of `wxmp`: menu, media, material, send, users, user, tags, qrcode and
 * `token status`. Each calls WeChat through `@wxmp/sdk` for one configured account.
 */
import type { Command } from 'commander'
import { registerMediaCommands } from './media.js'
import { registerMenuCommands } from './menu.js'
import { registerQrCodeCommands } from './qrcode.js'
import { registerSendCommands } from './send.js'
import { registerTagCommands } from './tags.js'
import { registerTokenStatusCommand } from './token-status.js'
import { registerUserCommands } from './users.js'

/** Registers every API command; after `registerTokenCommand`, so `status` joins `wxmp token`. */
export function registerApiCommands(program: Command): void {
  registerMenuCommands(program)
  registerMediaCommands(program)
  registerSendCommands(program)
  registerUserCommands(program)
  registerTagCommands(program)
  registerQrCodeCommands(program)
  registerTokenStatusCommand(program)
}
