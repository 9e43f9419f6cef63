import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  msgSignature,
  sha1Signature,
  urlSignature,
  verifyMsgSignature,
  verifyUrlSignature,
} from './signature.js'

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex')

describe('sha1Signature', () => {
  it('sorts as strings, not as numbers ("10" before "9")', () => {
    expect(sha1Signature(['9', '10'])).toBe(sha1('109'))
  })

  it('does not reorder the caller’s array', () => {
    const parts = ['b', 'a', 'c']
    sha1Signature(parts)
    expect(parts).toEqual(['b', 'a', 'c'])
  })

  it('orders exactly as the default sort: prefixes, case, duplicates, non-ASCII, 1 to 5 parts', () => {
    // A fixed-seed generator over an alphabet chosen for ties and near-ties.
    let seed = 7
    const next = (n: number): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n
    const alphabet = ['a', 'A', 'b', '0', '9', '_', '~', 'é', '中', '😀']
    for (let round = 0; round < 500; round++) {
      const parts = Array.from({ length: 1 + next(5) }, () =>
        Array.from({ length: next(4) }, () => alphabet[next(alphabet.length)]).join(''),
      )
      expect(sha1Signature(parts)).toBe(sha1([...parts].sort().join('')))
    }
  })

  it('produces lower-case hex', () => {
    expect(sha1Signature(['Token'])).toMatch(/^[0-9a-f]{40}$/)
  })
})

describe('verifyUrlSignature', () => {
  const sig = urlSignature('tok', '1700000000', '123456789')

  it('accepts the signature of the same token, timestamp and nonce', () => {
    expect(verifyUrlSignature('tok', '1700000000', '123456789', sig)).toBe(true)
  })

  it('rejects a signature made with another token', () => {
    expect(verifyUrlSignature('other', '1700000000', '123456789', sig)).toBe(false)
  })

  it('rejects a replayed signature with a changed timestamp or nonce', () => {
    expect(verifyUrlSignature('tok', '1700000001', '123456789', sig)).toBe(false)
    expect(verifyUrlSignature('tok', '1700000000', '123456780', sig)).toBe(false)
  })

  it('rejects a truncated or empty signature', () => {
    expect(verifyUrlSignature('tok', '1700000000', '123456789', sig.slice(0, 20))).toBe(false)
    expect(verifyUrlSignature('tok', '1700000000', '123456789', '')).toBe(false)
  })
})

describe('verifyMsgSignature', () => {
  const encrypt =
    'ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ=='
  const sig = msgSignature('tok', '1700000000', '123456789', encrypt)

  it('accepts the msg_signature over the same Encrypt', () => {
    expect(verifyMsgSignature('tok', '1700000000', '123456789', encrypt, sig)).toBe(true)
  })

  it('rejects a tampered msg_signature', () => {
    const tampered = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1)
    expect(verifyMsgSignature('tok', '1700000000', '123456789', encrypt, tampered)).toBe(false)
  })

  it('rejects a msg_signature when the Encrypt value was altered', () => {
    expect(verifyMsgSignature('tok', '1700000000', '123456789', `A${encrypt.slice(1)}`, sig)).toBe(
      false,
    )
  })

  it('differs from the URL signature, so one cannot stand in for the other', () => {
    expect(
      verifyMsgSignature(
        'tok',
        '1700000000',
        '123456789',
        encrypt,
        urlSignature('tok', '1700000000', '123456789'),
      ),
    ).toBe(false)
  })
})
