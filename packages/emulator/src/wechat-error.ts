/**
 * WeChat's error envelope: HTTP 200 and `{"errcode", "errmsg"}` (§0), errmsg suffixed with
 * ` rid: …` like current responses, so clients that branch on errmsg break here first.
 */
import { errcodeInfo } from '@wxmp/core'

/**
 * Thrown by handlers and the request pipeline to answer with an errcode. The pipeline turns it
 * into the envelope; anything else thrown is a bug in the emulator and answers -1.
 */
export class WechatError extends Error {
  /** WeChat's errcode. */
  readonly errcode: number

  /** `errmsg` defaults to the errmsg core's table records for the code (see `errmsgFor`). */
  constructor(errcode: number, errmsg: string = errmsgFor(errcode)) {
    super(errmsg)
    this.name = 'WechatError'
    this.errcode = errcode
  }
}

// Codes whose errmsg core's table leaves blank but whose wording follows a sibling it records
// (43002 is `require POST method`, so 43001 reads the same way).
const LOCAL_ERRMSG: Readonly<Record<number, string>> = {
  43001: 'require GET method',
  40023: 'invalid sub button size',
  40024: 'invalid sub button type',
  40025: 'invalid sub button name size',
  40026: 'invalid sub button key size',
  40027: 'invalid sub button url size',
  46003: 'menu no exist',
  41004: 'appsecret missing',
}

/** The errmsg for a code: core's recorded errmsg, a local wording, else core's English text. */
export function errmsgFor(errcode: number): string {
  const row = errcodeInfo(errcode)
  return row?.errmsg ?? LOCAL_ERRMSG[errcode] ?? row?.en ?? 'system error'
}

/** The JSON body of an error answer, rid appended. */
export function errorEnvelope(
  errcode: number,
  errmsg: string,
  rid: string,
): { errcode: number; errmsg: string } {
  return { errcode, errmsg: `${errmsg} rid: ${rid}` }
}
