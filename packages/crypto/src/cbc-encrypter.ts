/**
 * AES-256-CBC encryption without a cipher object per message. A CBC cipher with padding off is a
 * running stream: each `update` chains from the last ciphertext block of the one before. To start
 * a new message at the IV instead, the first plaintext block is XORed with (IV ⊕ that last block)
 * before it goes in, since the cipher then computes E(P₁ ⊕ IV ⊕ last ⊕ last) = E(P₁ ⊕ IV): the
 * very first block of a fresh CBC encryption. The other blocks chain as usual. This saves a
 * `createCipheriv` (~2 µs) and its `final()` on every encrypted reply.
 */
import { createCipheriv, type Cipher, type KeyObject } from 'node:crypto'

const AES_BLOCK = 16

/** Encrypts whole-block AES-256-CBC plaintexts under one key and IV, without padding. */
export class CbcEncrypter {
  readonly #cbc: Cipher
  readonly #iv: Buffer
  /** The last ciphertext block the stream produced: what it chains the next block from. */
  readonly #last: Buffer

  constructor(key: KeyObject, iv: Buffer) {
    if (iv.length !== AES_BLOCK) throw new RangeError(`the IV must be ${AES_BLOCK} bytes`)
    this.#cbc = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
    this.#iv = Buffer.from(iv)
    this.#last = Buffer.from(iv)
  }

  /**
   * The ciphertext of `plain` (a non-empty whole number of 16-byte blocks), as a fresh
   * AES-256-CBC encryption under the IV. Changes the first block of `plain` in place.
   */
  encrypt(plain: Buffer): Buffer {
    if (plain.length === 0 || plain.length % AES_BLOCK !== 0)
      throw new RangeError(`${plain.length} bytes is not a whole number of AES blocks`)
    const iv = this.#iv
    const last = this.#last
    for (let i = 0; i < AES_BLOCK; i++) plain[i]! ^= iv[i]! ^ last[i]!
    // Without padding, OpenSSL's update returns every whole block at once.
    const out = this.#cbc.update(plain)
    if (out.length !== plain.length)
      throw new Error(`AES-CBC returned ${out.length} of ${plain.length} bytes`)
    out.copy(last, 0, out.length - AES_BLOCK)
    return out
  }
}
