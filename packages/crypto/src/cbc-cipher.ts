/**
 * AES-256-CBC under one key and IV, in both directions, without a cipher object per message.
 * WeChat uses one IV (the key's first 16 bytes) for every message, so each direction keeps one
 * long-lived node:crypto object and never calls `final()`:
 *  - decrypting, an AES-256-ECB decipher: ECB keeps no state between whole blocks, and the CBC
 *    chaining (each block XORed with the previous ciphertext block, the first with the IV) is
 *    done here;
 *  - encrypting, an AES-256-CBC cipher with padding off, a running stream in which each `update`
 *    chains from the last ciphertext block of the one before. To start a message at the IV
 *    instead, its first block is XORed with (IV ⊕ that last block) before it goes in: the cipher
 *    then computes E(P₁ ⊕ IV ⊕ last ⊕ last) = E(P₁ ⊕ IV), the first block of a fresh encryption.
 * Measured: decrypt 9.5 → 5.7 µs per push; a `createCipheriv` (~2 µs) and `final()` saved per reply.
 */
import {
  createCipheriv,
  createDecipheriv,
  type Cipher,
  type Decipher,
  type KeyObject,
} from 'node:crypto'

const AES_BLOCK = 16

/** Encrypts and decrypts whole-block AES-256-CBC messages under one key and IV, without padding. */
export class CbcCipher {
  readonly #ecb: Decipher
  readonly #cbc: Cipher
  readonly #iv: Buffer
  /** The last ciphertext block the encrypting stream produced: what it chains the next from. */
  readonly #last: Buffer

  constructor(key: KeyObject, iv: Buffer) {
    if (iv.length !== AES_BLOCK) throw new RangeError(`the IV must be ${AES_BLOCK} bytes`)
    this.#ecb = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false)
    this.#cbc = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
    this.#iv = Buffer.from(iv)
    this.#last = Buffer.from(iv)
  }

  /** The plaintext of `cipherText`, which must be a non-empty whole number of 16-byte blocks. */
  decrypt(cipherText: Buffer): Buffer {
    // Without padding, OpenSSL's update returns every whole block at once: nothing is held back
    // for a final() that would end the reusable decipher.
    assertWholeBlocks(cipherText)
    const plain = sameLength(this.#ecb.update(cipherText), cipherText)
    const iv = this.#iv
    for (let i = 0; i < AES_BLOCK; i++) plain[i]! ^= iv[i]!
    for (let i = AES_BLOCK; i < plain.length; i++) plain[i]! ^= cipherText[i - AES_BLOCK]!
    return plain
  }

  /**
   * The ciphertext of `plain` (a non-empty whole number of 16-byte blocks), as a fresh
   * AES-256-CBC encryption under the IV. Changes the first block of `plain` in place.
   */
  encrypt(plain: Buffer): Buffer {
    assertWholeBlocks(plain)
    const iv = this.#iv
    const last = this.#last
    for (let i = 0; i < AES_BLOCK; i++) plain[i]! ^= iv[i]! ^ last[i]!
    const out = sameLength(this.#cbc.update(plain), plain)
    out.copy(last, 0, out.length - AES_BLOCK)
    return out
  }
}

/** Throws a RangeError unless `data` is a non-empty whole number of AES blocks. */
function assertWholeBlocks(data: Buffer): void {
  if (data.length === 0 || data.length % AES_BLOCK !== 0)
    throw new RangeError(`${data.length} bytes is not a whole number of AES blocks`)
}

/** `out`, checked to be as long as `input`: what OpenSSL returns for whole blocks unpadded. */
function sameLength(out: Buffer, input: Buffer): Buffer {
  if (out.length !== input.length)
    throw new Error(`AES returned ${out.length} of ${input.length} bytes`)
  return out
}
