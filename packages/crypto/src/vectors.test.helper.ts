/**
 * Test-only: the official vectors (packages/crypto/test/vectors.json) with their field types.
 * Read at run time rather than imported, so the JSON stays outside the compiled src tree.
 */
import { readFileSync } from 'node:fs'

/** Every section of the vector file, parsed. */
export const vectors = JSON.parse(
  readFileSync(new URL('../test/vectors.json', import.meta.url), 'utf8'),
) as Vectors

/** The sections and fields of vectors.json that the tests read. */
export interface Vectors {
  signature: {
    id: string
    token: string
    timestamp: string
    nonce: string
    expected_signature: string
    sorted_concat?: string
  }[]
  msg_signature: {
    id: string
    token: string
    timestamp: string
    nonce: string
    encrypt: string
    expected_msg_signature: string
  }[]
  aes_encrypt: {
    id: string
    encoding_aes_key: string
    appid: string
    random: string
    plaintext: string
    expected_msg_len: number
    expected_ciphertext_bytes: number
    expected_encrypt: string
  }[]
  aes_decrypt: {
    id: string
    encoding_aes_key: string
    appid: string
    encrypt: string
    expected_ciphertext_bytes?: number
    expected_random?: string
    expected_random_derived?: string
    expected_msg_len?: number
    expected_msg_len_derived?: number
    expected_plaintext?: string
    expected_plaintext_derived?: string
    expected_appid: string
  }[]
  envelopes: {
    id: string
    token: string
    encoding_aes_key: string
    appid: string
    inbound_query: Record<string, string>
    inbound_body_json: { ToUserName: string; Encrypt: string }
    reply_body_json: { Encrypt: string; MsgSignature: string; TimeStamp: number; Nonce: string }
  }[]
  jssdk_signature: {
    id: string
    jsapi_ticket: string
    noncestr: string
    timestamp: string
    url: string
    expected_signature: string
  }[]
}
