/**
 * Shared fixtures of the message-log tests (not part of the public API): an entry builder and
 * a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MessageLogEntry } from './types.js'

/** A complete entry; `overrides` replace fields. Ids are 20-digit strings like real MsgIds. */
export function sampleEntry(overrides: Partial<MessageLogEntry> = {}): MessageLogEntry {
  return {
    at: 1_760_000_000_000,
    appid: 'wx0123456789abcdef',
    key: 'msg:24000000000000000001',
    kind: 'text',
    fromUser: 'oUser_A',
    toUser: 'gh_0123456789ab',
    mode: 'safe',
    request: '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>',
    reply: 'success',
    outcome: 'success',
    durationMs: 1.25,
    ...overrides,
  }
}

/** A fresh directory under the OS temp dir, and a function that removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-message-log-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
