/**
 * The EncodingAESKey (§4.1): exactly 43 characters of `[A-Za-z0-9]`, which base64-decode (with
 * one `=` appended) to the 32-byte AES key. A 44-character paste ending in `=` is the classic
 * mistake: the padding belongs to the decoding, not to the key.
 */
import { describeStrayCharacters } from './character-classes.js'
import { finding } from './finding.js'
import type { Finding } from './finding.js'

const FIX =
  'copy EncodingAESKey again from 基本配置 → 服务器配置 (43 letters and digits, nothing added) into WXMP_AES_KEY or the config file'

/** Key length fixed by the protocol (§4.1). */
export const AES_KEY_LENGTH = 43

/** What an account needs from its key: the mode decides whether a key is required. */
export interface AesKeyInput {
  readonly aesKey?: unknown
  readonly previousAesKey?: unknown
  readonly encryptMode?: unknown
}

/** Checks an account's current and previous EncodingAESKey; `prefix` is e.g. `accounts[0]`. */
export function checkAesKey(input: AesKeyInput, prefix: string): Finding[] {
  const mode = typeof input.encryptMode === 'string' ? input.encryptMode.trim() : undefined
  const subject = `${prefix}.aesKey`
  if (input.aesKey === undefined) {
    if (mode === 'safe' || mode === 'compat')
      return [
        finding(
          'aes-key',
          'fail',
          subject,
          `消息加解密方式 is "${mode}" but no EncodingAESKey is set, so no encrypted push can be read`,
          FIX,
        ),
      ]
    return [finding('aes-key', 'skip', subject, 'no EncodingAESKey: pushes are plaintext (明文)')]
  }
  const out = [checkKey(input.aesKey, subject, 'EncodingAESKey')]
  if (input.previousAesKey !== undefined) {
    const previous = checkKey(input.previousAesKey, `${prefix}.previousAesKey`, 'previous key')
    out.push(
      previous.status === 'ok' && sameKey(input.aesKey, input.previousAesKey)
        ? finding(
            'aes-key',
            'warn',
            `${prefix}.previousAesKey`,
            'the previous key equals the current one, so a push sealed with the old key cannot be read',
            'set previousAesKey to the key used before the last change in the console, or remove it',
          )
        : previous,
    )
  }
  return out
}

function checkKey(value: unknown, subject: string, name: string): Finding {
  if (typeof value !== 'string')
    return finding('aes-key', 'fail', subject, `the ${name} must be text`, FIX)
  const key = value.trim()
  if (key.length === AES_KEY_LENGTH + 1 && key.endsWith('='))
    return finding(
      'aes-key',
      'fail',
      subject,
      `the ${name} has 44 characters ending in "="; the "=" is base64 padding, not part of the key`,
      'drop the trailing "=" so the key is the 43 characters the console shows',
    )
  const stray = describeStrayCharacters(key)
  if (stray !== '')
    return finding(
      'aes-key',
      'fail',
      subject,
      `the ${name} contains ${stray}; it is letters and digits only`,
      FIX,
    )
  if (key.length !== AES_KEY_LENGTH)
    return finding(
      'aes-key',
      'fail',
      subject,
      `the ${name} has ${key.length} characters; it must have exactly ${AES_KEY_LENGTH}`,
      FIX,
    )
  return finding('aes-key', 'ok', subject, `${AES_KEY_LENGTH} letters and digits`)
}

function sameKey(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim()
}
