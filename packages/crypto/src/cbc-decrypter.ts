/**
 * AES-256-CBC decryption without a cipher object per message. One long-lived AES-256-ECB
 * decipher per key decrypts every block — ECB keeps no state between whole blocks, so it can be
 * reused for as long as the process runs — and the CBC chaining (each block XORed with the
 * previous ciphertext block, the first with the IV) is done here. This saves creating a
 * `Decipheriv`, its `final()` and a concatenation on every encrypted push.
 */
import { createDecipheriv, type Decipher, type KeyObject } from 'node:crypto'

const AES_BLOCK = 16

/** Decrypts whole-block AES-256-CBC ciphertexts under one key and IV, without padding removal. */
export class CbcDecrypter {
  readonly #ecb: Decipher
  readonly #iv: Buffer

  constructor(key: KeyObject, iv: Buffer) {
    if (iv.length !== AES_BLOCK) throw new RangeError(`the IV must be ${AES_BLOCK} bytes`)
    this.#ecb = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false)
    this.#iv = Buffer.from(iv)
  }

  /** The plaintext of `cipherText`, which must be a non-empty whole number of 16-byte blocks. */
  decrypt(cipherText: Buffer): Buffer {
    if (cipherText.length === 0 || cipherText.length % AES_BLOCK !== 0)
      throw new RangeError(`${cipherText.length} bytes is not a whole number of AES blocks`)
    // Without padding, OpenSSL's update returns every whole block at once: nothing is held back
    // for a final() that would end the reusable decipher.
    const plain = this.#ecb.update(cipherText)
    if (plain.length !== cipherText.length)
      throw new Error(`AES-ECB returned ${plain.length} of ${cipherText.length} bytes`)
    const iv = this.#iv
    for (let i = 0; i < AES_BLOCK; i++) plain[i]! ^= iv[i]!
    for (let i = AES_BLOCK; i < plain.length; i++) plain[i]! ^= cipherText[i - AES_BLOCK]!
    return plain
  }
}
